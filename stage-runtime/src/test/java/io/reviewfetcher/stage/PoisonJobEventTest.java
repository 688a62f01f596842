package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.Failure;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A poison record that still names its job and task closes that task as dead-lettered on job-events, so its job
 * ends (completed_with_errors, or failed for its root task) instead of running forever. Only id-shaped values are
 * taken from the record; when its task cannot be told, no job event is made and the job stays running.
 */
class PoisonJobEventTest extends StageFixture {
    private static final String TOKEN = "ya29.a0AfB_secret";

    /** A token where a credential reference belongs: the record is poison, its ids are fine. */
    private static String withTokenAsCredential(Event event) {
        String json = EventCodec.encodeToString(event);
        String credential = json.replaceFirst(".*\"credential\":\"([^\"]*)\".*", "$1");
        return json.replace("\"credential\":\"" + credential + "\"", "\"credential\":\"" + TOKEN + "\"");
    }

    private Fakes.Record on(String topic, String key, String json) {
        return new Fakes.Record(topic, 1, 77, key, json.getBytes(StandardCharsets.UTF_8), timeline);
    }

    private void runReviews(Fakes.Record record) {
        runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();
    }

    private void runAccounts(Fakes.Record record) {
        runner.run(record.message, FetchAccounts.class, accounts -> Uni.createFrom().item(List.of())).await().atMost(AWAIT);
        record.awaitSettled();
    }

    private JobEvent onlyJobEvent() {
        List<JobEvent> events = publisher.sent(JobEvent.class);
        assertEquals(1, events.size(), events::toString);
        return events.get(0);
    }

    private void assertNothingEchoed() {
        synchronized (publisher.sent) {
            for (Event event : publisher.sent) {
                assertFalse(EventCodec.encodeToString(event).contains("ya29"), EventCodec.encodeToString(event));
            }
        }
    }

    @Test
    void aPoisonReviewPageThatNamesItsJobAndTaskClosesThatTaskAsDeadLettered() {
        Fakes.Record record = on("fetch-reviews", "222", withTokenAsCredential(PAGE));

        runReviews(record);

        assertEquals(0, worked.get());
        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertEquals("job-1", letter.jobId(), "the record's job_id names its job, though the key does not");
        JobEvent closed = onlyJobEvent();
        assertEquals("job-1", closed.jobId());
        assertEquals("reviews:222:1", closed.taskId(), "the task id the record would have had");
        assertEquals(JobEvent.Outcome.DEAD_LETTERED, closed.outcome());
        assertEquals(2, closed.attempt());
        assertEquals(List.of(), closed.spawnedTaskIds());
        assertEquals(letter.reason(), closed.reason());
        assertTrue(closed.reason().startsWith("unreadable record: credential: "), closed.reason());
        assertNothingEchoed();
        assertTrue(record.acked);
        assertEquals(1, counter("stage.records.produced", "topic", "job-events", "type", "JobEvent"));
    }

    @Test
    void aPoisonPageOfLocationsClosesItsPage() {
        FetchLocations page = new FetchLocations("job-1", NOW, "client:42", "111", "Acme", null, "t0k", 2, null, FetchMode.FULL, 0);
        Fakes.Record record = on("fetch-locations", "111", withTokenAsCredential(page));

        runner.run(record.message, FetchLocations.class, locations -> Uni.createFrom().item(List.of())).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals("locations:111:p2", onlyJobEvent().taskId());
        assertEquals("job-1", onlyJobEvent().jobId());
        assertNothingEchoed();
    }

    @Test
    void onFetchAccountsALaterPageIsClosedAsThatPage() {
        FetchAccounts page3 = new FetchAccounts("job-7", NOW, "client:42", null, null, "t0k", 3, null, FetchMode.FULL, 1);
        Fakes.Record record = on("fetch-accounts", "job-7", withTokenAsCredential(page3));

        runAccounts(record);

        JobEvent closed = onlyJobEvent();
        assertEquals("job-7", closed.jobId());
        assertEquals("accounts:p3", closed.taskId(), "a later page: the job ends completed_with_errors");
        assertEquals("job-7", publisher.sent(DeadLetter.class).get(0).jobId());
    }

    @Test
    void aPoisonFirstPageOfAccountsClosesTheRootTask() {
        FetchAccounts job = new FetchAccounts("job-7", NOW, "client:42", null, null, FetchMode.FULL, 0);
        Fakes.Record record = on("fetch-accounts", "job-7", withTokenAsCredential(job));

        runAccounts(record);

        assertEquals("accounts", onlyJobEvent().taskId(), "the root task: the job ends failed, with the reason");
    }

    /** Version 1 of fetch_accounts had no page_number: it was the first page, as the codec reads it. */
    @Test
    void aVersionOneRecordWithoutAPageNumberIsItsFirstPage() {
        String v1 = "{\"type\":\"fetch_accounts\",\"schema_version\":1,\"job_id\":\"job-7\",\"created_at\":\"" + NOW + "\","
                + "\"credential\":\"" + TOKEN + "\",\"account_ids\":null,\"location_ids\":null,\"mode\":\"full\",\"attempt\":0}";
        Fakes.Record record = on("fetch-accounts", "job-7", v1);

        runAccounts(record);

        assertEquals("accounts", onlyJobEvent().taskId());
    }

    @Test
    void aPoisonRetryRequestClosesTheTaskItWasToRetry() {
        RetryRequest retry = new RetryRequest("job-1", NOW, PAGE, List.of(new Failure(2, NOW, 503, "UNAVAILABLE", true, null)));
        String json = EventCodec.encodeToString(retry).replace("\"retry_after_ms\":null", "\"retry_after_ms\":-5");
        Fakes.Record record = on("fetch-retry", "job-1", json);

        runner.runOrHold(record.message, RetryRequest.class, (request, position) -> fail("a poison record is not decided on"))
                .await().atMost(AWAIT);
        record.awaitSettled();

        JobEvent closed = onlyJobEvent();
        assertEquals("job-1", closed.jobId());
        assertEquals("reviews:222:1", closed.taskId(), "the task of the event inside: its retry_scheduled is answered");
        assertTrue(closed.reason().startsWith("unreadable record: failures[0].retry_after_ms: "), closed.reason());
        assertTrue(record.acked);
    }

    /** Anything not shaped like an id (a token, a number, an object) names nothing and is not copied anywhere. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a token as job id       | \"job_id\":\"job-1\"         | \"job_id\":\"TOKEN\"",
            "a token as location id  | \"location_id\":\"222\"      | \"location_id\":\"TOKEN\"",
            "a job id of spaces      | \"job_id\":\"job-1\"         | \"job_id\":\"Bearer TOKEN\"",
            "a location id object    | \"location_id\":\"222\"      | \"location_id\":{\"id\":\"TOKEN\"}",
            "a page number as text   | \"page_number\":1            | \"page_number\":\"1\"",
            "a page number of zero   | \"page_number\":1            | \"page_number\":0",
            "no page number (v2)     | \"page_number\":1,           | ''",
            "no location id          | \"location_id\":\"222\",     | ''",
            "a type of no stage      | \"type\":\"fetch_reviews\",\"schema_version\":2 | \"type\":\"job_event\",\"schema_version\":1",
            "an unknown type         | \"type\":\"fetch_reviews\"   | \"type\":\"fetch_photos\"",
    })
    void aTaskThatCannotBeToldIsNotGuessedAndNothingIsEchoed(String why, String field, String replacement) {
        String poison = withTokenAsCredential(PAGE);
        String json = poison.replace(field, replacement.replace("TOKEN", TOKEN));
        assertFalse(json.equals(poison), "the test changes the record");
        Fakes.Record record = on("fetch-reviews", "222", json);

        runReviews(record);

        assertEquals(1, publisher.sent(DeadLetter.class).size());
        assertEquals(List.of(), publisher.sent(JobEvent.class), "no task can be named: the job stays running");
        assertNothingEchoed();
        assertTrue(record.acked);
    }

    @Test
    void aKeyAndAJobIdThatDisagreeNameNoJob() {
        FetchAccounts job = new FetchAccounts("job-8", NOW, "client:42", null, null, FetchMode.FULL, 0);
        Fakes.Record record = on("fetch-accounts", "job-7", withTokenAsCredential(job));

        runAccounts(record);

        assertEquals(DeadLetter.UNKNOWN_JOB, publisher.sent(DeadLetter.class).get(0).jobId());
        assertEquals(List.of(), publisher.sent(JobEvent.class), "neither job is told: it could be the other one's task");
    }

    @Test
    void aRetryRequestWhoseEventNamesAnotherJobNamesNoJob() {
        RetryRequest retry = new RetryRequest("job-1", NOW, PAGE, List.of(new Failure(2, NOW, 503, "UNAVAILABLE", true, null)));
        String json = EventCodec.encodeToString(retry).replace("\"retry_after_ms\":null", "\"retry_after_ms\":-5")
                .replace("{\"type\":\"fetch_reviews\",\"schema_version\":2,\"job_id\":\"job-1\"",
                        "{\"type\":\"fetch_reviews\",\"schema_version\":2,\"job_id\":\"job-2\"");
        assertTrue(json.contains("job-2"), json);
        Fakes.Record record = on("fetch-retry", "job-1", json);

        runner.runOrHold(record.message, RetryRequest.class, (request, position) -> fail("a poison record is not decided on"))
                .await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(List.of(), publisher.sent(JobEvent.class));
        assertEquals(DeadLetter.UNKNOWN_JOB, publisher.sent(DeadLetter.class).get(0).jobId());
    }

    /**
     * Bytes that are no JSON object name no task, even where the key names the job: which page of the job's accounts
     * they were cannot be told, and a guess could fail a job whose first page is done. Dead-lettered under the job;
     * the job stays running.
     */
    @Test
    void unreadableBytesNameNoTaskSoTheJobStaysRunning() {
        Fakes.Record record = on("fetch-accounts", "job-7", "\u0001\u0002");

        runAccounts(record);

        assertEquals("job-7", publisher.sent(DeadLetter.class).get(0).jobId());
        assertEquals(List.of(), publisher.sent(JobEvent.class));
        assertTrue(record.acked);
    }
}
