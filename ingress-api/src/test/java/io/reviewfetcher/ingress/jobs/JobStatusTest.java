package io.reviewfetcher.ingress.jobs;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.JobEvent.Outcome;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Job status from JobEvents produced to the real job-events topic, as the workers will produce them:
 * redelivered and re-run events are counted once, the status follows the tasks, and a record that is not a
 * job_event is skipped without stopping the consumer.
 */
@QuarkusTest
class JobStatusTest {

    @Inject
    JobStatusStore store;

    @Inject
    RedisDataSource redis;

    /** Whole milliseconds: that is the precision the status keeps. */
    private final Instant t0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private JobEvent event(String jobId, int second, String task, int attempt, Outcome outcome, List<String> spawned,
                           int accounts, int locations, int reviews, int duplicates, String reason) {
        return new JobEvent(jobId, t0.plusSeconds(second), task, attempt, outcome, spawned, accounts, locations, reviews, duplicates, reason);
    }

    private static void produce(String jobId, JobEvent... events) {
        KafkaTopics.produceEvents(Topics.JOB_EVENTS, jobId, List.of(events));
    }

    private static void eventually(String jobId, Consumer<ValidatableResponse> check) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                check.accept(given().get("/api/v1/review-fetch/" + jobId).then().statusCode(200)));
    }

    @Test
    void countsEachTaskOnceThroughRedeliveriesReRunsAndRetries() {
        String job = UUID.randomUUID().toString();
        JobEvent submitted = event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null);
        JobEvent accounts = event(job, 1, "accounts", 0, Outcome.DONE, List.of("locations:A1", "locations:A2"), 2, 0, 0, 0, null);
        JobEvent locationsA1 = event(job, 2, "locations:A1", 0, Outcome.DONE, List.of("reviews:L1:1", "reviews:L2:1"), 0, 2, 0, 0, null);
        JobEvent locationsA2 = event(job, 2, "locations:A2", 0, Outcome.DONE, List.of("reviews:L3:1"), 0, 1, 0, 0, null);
        JobEvent l1p1 = event(job, 3, "reviews:L1:1", 0, Outcome.DONE, List.of("reviews:L1:2"), 0, 0, 50, 0, null);
        // The same page processed again after a crash before its commit: its reviews are duplicates now.
        JobEvent l1p1ReRun = event(job, 4, "reviews:L1:1", 0, Outcome.DONE, List.of("reviews:L1:2"), 0, 0, 0, 50, null);
        JobEvent l1p2 = event(job, 4, "reviews:L1:2", 0, Outcome.DONE, List.of(), 0, 0, 10, 2, null);
        JobEvent l2p1 = event(job, 4, "reviews:L2:1", 0, Outcome.DONE, List.of(), 0, 0, 5, 0, null);
        JobEvent l3Retry = event(job, 5, "reviews:L3:1", 0, Outcome.RETRY_SCHEDULED, List.of(), 0, 0, 0, 0, "503 UNAVAILABLE");

        produce(job, submitted, accounts, accounts, locationsA1, locationsA2, l1p1, l1p1ReRun, l1p2, locationsA1, l2p1, l3Retry, l3Retry);
        eventually(job, status -> status
                .body("status", is("running"))
                .body("counts.accounts", is(2)).body("counts.locations", is(3)).body("counts.locations_done", is(2))
                .body("counts.reviews_delivered", is(65)).body("counts.duplicates_skipped", is(2))
                .body("counts.retries", is(1)).body("counts.retries_in_flight", is(1)).body("counts.dead_lettered", is(0))
                .body("counts.tasks_total", is(7)).body("counts.tasks_finished", is(6))
                .body("finished_at", nullValue()));

        JobEvent l3Done = event(job, 9, "reviews:L3:1", 1, Outcome.DONE, List.of(), 0, 0, 7, 0, null);
        produce(job, l3Done, l3Done, l2p1);
        eventually(job, status -> status
                .body("status", is("completed"))
                .body("counts.locations_done", is(3)).body("counts.reviews_delivered", is(72))
                .body("counts.retries", is(1)).body("counts.retries_in_flight", is(0))
                .body("submitted_at", is(t0.toString())).body("started_at", is(t0.plusSeconds(1).toString()))
                .body("updated_at", is(t0.plusSeconds(9).toString())).body("finished_at", is(t0.plusSeconds(9).toString()))
                .body("dead_letters", empty()));
    }

    @Test
    void aSecondPodApplyingTheSameEventsChangesNothing() {
        String job = UUID.randomUUID().toString();
        List<JobEvent> events = List.of(
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 1, "accounts", 0, Outcome.DONE, List.of("locations:A"), 1, 0, 0, 0, null),
                event(job, 2, "locations:A", 0, Outcome.DONE, List.of("reviews:L:1"), 0, 1, 0, 0, null),
                event(job, 3, "reviews:L:1", 0, Outcome.DONE, List.of(), 0, 0, 12, 1, null));
        // "Another pod": the same events straight into the shared Redis, concurrently and in reverse order.
        List<io.smallrye.mutiny.Uni<JobStatusStore.Finished>> writes = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            writes.add(store.apply(events.get(i)));
            writes.add(store.apply(events.get(i)));
        }
        io.smallrye.mutiny.Uni.join().all(writes).andFailFast().await().atMost(Duration.ofSeconds(10));
        KafkaTopics.produceEvents(Topics.JOB_EVENTS, job, events);
        KafkaTopics.produceEvents(Topics.JOB_EVENTS, job, events);
        eventually(job, status -> status.body("status", is("completed"))
                .body("counts.accounts", is(1)).body("counts.locations", is(1)).body("counts.reviews_delivered", is(12))
                .body("counts.duplicates_skipped", is(1)).body("counts.tasks_total", is(3)));
    }

    @Test
    void deadLettersMakeTheJobCompleteWithErrorsAndSayWhy() {
        String job = UUID.randomUUID().toString();
        produce(job,
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 1, "accounts", 0, Outcome.DONE, List.of("locations:A"), 1, 0, 0, 0, null),
                event(job, 2, "locations:A", 0, Outcome.DONE, List.of("reviews:L1:1", "reviews:L2:1", "reviews:L3:1"), 0, 3, 0, 0, null),
                event(job, 3, "reviews:L1:1", 0, Outcome.DONE, List.of(), 0, 0, 20, 0, null),
                event(job, 3, "reviews:L2:1", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "404 NOT_FOUND: location not found"),
                event(job, 4, "reviews:L3:1", 0, Outcome.RETRY_SCHEDULED, List.of(), 0, 0, 0, 0, "503 UNAVAILABLE"),
                event(job, 5, "reviews:L3:1", 1, Outcome.RETRY_SCHEDULED, List.of(), 0, 0, 0, 0, "503 UNAVAILABLE"),
                event(job, 6, "reviews:L3:1", 2, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "retries exhausted: 503 UNAVAILABLE"),
                event(job, 6, "review:AbC123", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "star_rating: must be 1 to 5"),
                event(job, 6, "review:AbC123", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "star_rating: must be 1 to 5"));
        eventually(job, status -> status
                .body("status", is("completed_with_errors"))
                .body("counts.locations_done", is(3)).body("counts.reviews_delivered", is(20))
                .body("counts.retries", is(2)).body("counts.retries_in_flight", is(0)).body("counts.dead_lettered", is(3))
                .body("dead_letters.task_id", contains("review:AbC123", "reviews:L2:1", "reviews:L3:1"))
                .body("dead_letters.reason", contains("star_rating: must be 1 to 5", "404 NOT_FOUND: location not found",
                        "retries exhausted: 503 UNAVAILABLE")));

        // An operator replays the dead-lettered page after fixing the cause: it is done now, no longer an error.
        produce(job, event(job, 30, "reviews:L2:1", 0, Outcome.DONE, List.of(), 0, 0, 4, 0, null));
        eventually(job, status -> status.body("status", is("completed_with_errors"))
                .body("counts.dead_lettered", is(2)).body("counts.reviews_delivered", is(24)));
    }

    @Test
    void exactlyTheEventThatFinishesAJobReportsItsDuration() {
        String job = UUID.randomUUID().toString();
        List<JobEvent> events = List.of(
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 1, "accounts", 0, Outcome.DONE, List.of("locations:A"), 1, 0, 0, 0, null),
                event(job, 2, "locations:A", 0, Outcome.DONE, List.of("reviews:L1:1", "reviews:L2:1"), 0, 2, 0, 0, null),
                event(job, 3, "reviews:L1:1", 0, Outcome.DONE, List.of(), 0, 0, 9, 0, null),
                event(job, 7, "reviews:L2:1", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "404 NOT_FOUND"));
        List<JobStatusStore.Finished> answers = new ArrayList<>();
        for (JobEvent event : events) {
            answers.add(store.apply(event).await().atMost(Duration.ofSeconds(10)));
        }
        for (JobEvent event : events) { // a redelivery of the whole job finishes nothing again
            answers.add(store.apply(event).await().atMost(Duration.ofSeconds(10)));
        }
        List<JobStatusStore.Finished> expected = new ArrayList<>(java.util.Collections.nCopies(answers.size(), null));
        expected.set(4, new JobStatusStore.Finished("completed_with_errors", Duration.ofSeconds(7)));
        org.junit.jupiter.api.Assertions.assertEquals(expected, answers);
    }

    @Test
    void finishedJobsAreTimedOnMetrics() {
        String job = UUID.randomUUID().toString();
        double before = jobsFinished("failed");
        produce(job,
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 1, "accounts", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "403 PERMISSION_DENIED"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobsFinished("failed") > before);
    }

    /** {@code jobs_duration_seconds_count} of this pod for a final status (0 before the first). */
    private static double jobsFinished(String status) {
        java.util.regex.Matcher count = java.util.regex.Pattern
                .compile("jobs_duration_seconds_count\\{[^}]*status=\"" + status + "\"[^}]*} ([0-9.E]+)")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    @Test
    void aDeadLetteredRootTaskFailsTheJob() {
        String job = UUID.randomUUID().toString();
        produce(job,
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 1, "accounts", 0, Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, "403 PERMISSION_DENIED"));
        eventually(job, status -> status.body("status", is("failed")).body("counts.dead_lettered", is(1))
                .body("dead_letters[0].reason", is("403 PERMISSION_DENIED")).body("finished_at", notNullValue()));
    }

    @Test
    void aChildReportedBeforeItsParentNeverCompletesTheJobEarly() {
        String job = UUID.randomUUID().toString();
        // locations:A reports (and its pages) before accounts, whose done event spawned it, arrives.
        produce(job,
                event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null),
                event(job, 2, "locations:A", 0, Outcome.DONE, List.of("reviews:L:1"), 0, 1, 0, 0, null),
                event(job, 3, "reviews:L:1", 0, Outcome.DONE, List.of(), 0, 0, 3, 0, null));
        eventually(job, status -> status.body("status", is("running")).body("counts.reviews_delivered", is(3)));
        produce(job, event(job, 1, "accounts", 0, Outcome.DONE, List.of("locations:A", "locations:B"), 2, 0, 0, 0, null));
        eventually(job, status -> status.body("status", is("running")).body("counts.tasks_total", is(4))
                .body("counts.tasks_finished", is(3)));
        produce(job, event(job, 4, "locations:B", 0, Outcome.DONE, List.of(), 0, 0, 0, 0, null));
        eventually(job, status -> status.body("status", is("completed")).body("started_at", is(t0.plusSeconds(1).toString())));
    }

    @Test
    void recordsThatAreNotJobEventsAreSkippedAndTheConsumerGoesOn() {
        String job = UUID.randomUUID().toString();
        KafkaTopics.produce(Topics.JOB_EVENTS, job, List.of(
                "not json at all".getBytes(StandardCharsets.UTF_8),
                "{\"type\":\"job_event\",\"schema_version\":1}".getBytes(StandardCharsets.UTF_8),
                ("{\"type\":\"fetch_accounts\",\"schema_version\":1,\"job_id\":\"" + job + "\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"credential\":\"client:acme\",\"account_ids\":null,\"location_ids\":null,\"mode\":\"full\",\"attempt\":0}")
                        .getBytes(StandardCharsets.UTF_8),
                new byte[0]));
        produce(job, event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null));
        eventually(job, status -> status.body("status", is("queued")));
        // The status may come from another ingress-api pod sharing Redis (a running local stack); this pod's
        // own consumer shows it went past the poison records by counting them.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/q/metrics").then().statusCode(200)
                        .body(org.hamcrest.Matchers.matchesPattern("(?s).*ingress_job_events_skipped_total(\\{[^}]*})? [1-9].*")));
    }

    @Test
    void statusExpiresThirtyDaysAfterTheLastEvent() {
        String job = UUID.randomUUID().toString();
        store.apply(event(job, 0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of("accounts"), 0, 0, 0, 0, null))
                .await().atMost(Duration.ofSeconds(10));
        long ttl = redis.key().ttl(TestEnvironment.STATUS_PREFIX + "{" + job + "}:meta");
        long thirtyDays = Duration.ofDays(30).toSeconds();
        assertTrue(ttl > thirtyDays - 60 && ttl <= thirtyDays, "TTL " + ttl + " s should be 30 days");
        assertTrue(redis.key().ttl(TestEnvironment.STATUS_PREFIX + "{" + job + "}:spawned") > thirtyDays - 60);
    }
}
