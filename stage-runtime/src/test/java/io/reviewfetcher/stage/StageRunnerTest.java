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
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.GoogleApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's cycle against a fake broker: what is published, and when the input record is acknowledged. */
class StageRunnerTest extends StageFixture {

    @Test
    void theRecordIsAcknowledgedOnlyAfterTheBrokerAcknowledgedAllItProduced() {
        CompletableFuture<Void> broker = publisher.holdBrokerAcks();
        Fakes.Record record = record(PAGE);

        UniAssertSubscriber<Void> run = runner.run(record.message, FetchReviews.class, this::nextPage)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        run.awaitItem(AWAIT);
        assertEquals(2, publisher.sent.size(), "both events handed to the producer");
        assertFalse(record.acked, "not acknowledged while the broker has not acknowledged, though the consumer reads on");
        broker.complete(null);
        record.awaitSettled();
        assertTrue(record.acked);
        assertNull(record.nacked);
        assertEquals("ack", timeline.get(timeline.size() - 1), "acknowledged last: " + timeline);
        assertSame(record.message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow(),
                publisher.causes.get(0).getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow(),
                "the input record is the cause (trace parent) of what it produced");
        assertEquals(1, counter("stage.records.consumed", "topic", "fetch-reviews"));
        assertEquals(1, counter("stage.records.produced", "topic", "fetch-reviews", "type", "FetchReviews"));
    }

    @Test
    void aFailureToPublishNacksTheRecordAndNeverAcknowledgesIt() {
        IllegalStateException brokerDown = new IllegalStateException("broker down");
        publisher.failWith = brokerDown;
        Fakes.Record record = record(PAGE);

        runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertFalse(record.acked);
        assertSame(brokerDown, record.nacked, "the nack stops the channel (failure-strategy=fail): nothing is committed past it");
        assertEquals(List.of("worked", "nack"), timeline);
    }

    @Test
    void aRetryableFailureGoesToFetchRetryAndTheRecordIsAcknowledged() {
        Fakes.Record record = record(PAGE);

        runner.run(record.message, FetchReviews.class,
                page -> failing(new GoogleApiException(503, "UNAVAILABLE", null, "try later", 2_000L))).await().atMost(AWAIT);
        record.awaitSettled();

        RetryRequest retry = publisher.sent(RetryRequest.class).get(0);
        assertEquals(PAGE, retry.event());
        assertEquals(2, retry.latest().attempt());
        assertEquals(503, retry.latest().httpStatus());
        assertEquals(2_000L, retry.latest().retryAfterMs());
        assertTrue(retry.latest().retryable());
        JobEvent progress = publisher.sent(JobEvent.class).get(0);
        assertEquals(JobEvent.Outcome.RETRY_SCHEDULED, progress.outcome());
        assertEquals(TaskIds.of(PAGE), progress.taskId());
        assertEquals(List.of(), publisher.sent(DeadLetter.class));
        assertTrue(record.acked);
        assertEquals(0, counter("stage.google.quota.exceeded"));
    }

    @Test
    void aPermanentFailureGoesToFetchDlqWithItsReason() {
        Fakes.Record record = record(PAGE);

        runner.run(record.message, FetchReviews.class,
                page -> failing(new GoogleApiException(404, "NOT_FOUND", null, "locations/222 not found", null)))
                .await().atMost(AWAIT);
        record.awaitSettled();

        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertEquals("fetch-reviews", letter.sourceTopic());
        assertEquals("404 NOT_FOUND: locations/222 not found", letter.reason());
        assertEquals(PAGE, letter.event());
        assertFalse(letter.failures().get(0).retryable());
        assertEquals(JobEvent.Outcome.DEAD_LETTERED, publisher.sent(JobEvent.class).get(0).outcome());
        assertEquals(List.of(), publisher.sent(RetryRequest.class));
        assertTrue(record.acked);
        assertEquals(1, counter("stage.dead.letters", "topic", "fetch-reviews", "reason", "http_404"));
    }

    @Test
    void aCredentialTokenServiceRejectsIsPermanent() {
        Fakes.Record record = record(PAGE);

        runner.run(record.message, FetchReviews.class, page -> failing(new CredentialRejected(404, "unknown-credential")))
                .await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(1, publisher.sent(DeadLetter.class).size());
        assertTrue(record.acked);
    }

    @Test
    void googlesProjectQuotaAnsweringIsRetriedAndCountedAsADefect() {
        Fakes.Record record = record(PAGE);
        runner.run(record.message, FetchReviews.class,
                page -> failing(new GoogleApiException(429, "RESOURCE_EXHAUSTED", null, "quota", 53_000L))).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(1, publisher.sent(RetryRequest.class).size());
        assertEquals(1, counter("stage.google.quota.exceeded"));
    }

    @Test
    void workThatThrowsInsteadOfFailingItsUniIsRoutedToo() {
        Fakes.Record record = record(PAGE);

        runner.run(record.message, FetchReviews.class, page -> {
            throw new IllegalStateException("bug");
        }).await().atMost(AWAIT);
        record.awaitSettled();

        RetryRequest retry = publisher.sent(RetryRequest.class).get(0);
        assertEquals("unexpected: java.lang.IllegalStateException", retry.latest().reason());
        assertTrue(record.acked);
    }

    @Test
    void aPoisonRecordGoesToFetchDlqWithItsPositionAndDigestAndTheConsumerGoesOn() throws Exception {
        byte[] garbage = "{\"type\":\"fetch_reviews\",\"access_token\":\"ya29.secret\"}".getBytes(StandardCharsets.UTF_8);
        Fakes.Record record = new Fakes.Record("fetch-reviews", 4, 99, "222", garbage, timeline);

        runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(0, worked.get());
        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertEquals(DeadLetter.UNKNOWN_JOB, letter.jobId(), "fetch-reviews is keyed by location id: the key names no job");
        assertEquals("fetch-reviews", letter.sourceTopic());
        assertTrue(letter.reason().startsWith("unreadable record: "), letter.reason());
        assertNull(letter.event());
        assertEquals(4, letter.poison().partition());
        assertEquals(99, letter.poison().offset());
        assertEquals(garbage.length, letter.poison().valueBytes());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(garbage)), letter.poison().valueSha256());
        assertFalse(EventCodec.encodeToString(letter).contains("ya29"), "the poison's bytes are not copied");
        assertTrue(record.acked);
        assertEquals(1, counter("stage.records.poison", "topic", "fetch-reviews"));
        assertEquals(1, counter("stage.dead.letters", "topic", "fetch-reviews", "reason", "unreadable_record"));
    }

    /** A task that decodes but whose time no consumer can compute with is poison, not work that fails later. */
    @Test
    void aTaskOfAnUnusableTimeIsPoison() {
        String json = EventCodec.encodeToString(PAGE).replace("\"created_at\":\"" + NOW + "\"",
                "\"created_at\":\"+999999999-12-31T23:59:59Z\"");
        Fakes.Record record = new Fakes.Record("fetch-reviews", 0, 8, "222", json.getBytes(StandardCharsets.UTF_8), timeline);

        runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(0, worked.get());
        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("unreadable record: created_at: "), letter.reason());
        assertTrue(record.acked);
    }

    @Test
    void onATopicKeyedByJobIdAPoisonRecordsKeyNamesItsJob() {
        Fakes.Record record = new Fakes.Record("fetch-accounts", 2, 5, "job-7", new byte[] {1, 2}, timeline);

        runner.run(record.message, FetchAccounts.class, accounts -> Uni.createFrom().item(List.of())).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals("job-7", publisher.sent(DeadLetter.class).get(0).jobId());
        assertTrue(record.acked);
    }

    @Test
    void aPoisonRecordsKeyIsKeptOnlyWhenItLooksLikeAJobId() {
        Fakes.Record record = new Fakes.Record("fetch-accounts", 0, 1, "Bearer ya29.secret", new byte[] {1, 2}, timeline);

        runner.run(record.message, FetchAccounts.class, accounts -> Uni.createFrom().item(List.of())).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(DeadLetter.UNKNOWN_JOB, publisher.sent(DeadLetter.class).get(0).jobId());
    }

    @Test
    void aRecordOfAnotherTypeIsPoisonForThisStage() {
        FetchLocations other = new FetchLocations("job-1", NOW, "client:42", "111", "Acme", null, FetchMode.FULL, 0);
        Fakes.Record record = record(other);

        runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(0, worked.get());
        assertEquals(1, publisher.sent(DeadLetter.class).size());
        assertTrue(record.acked);
    }

    @Test
    void aPausedIntakeHoldsTheRecordUntilResumed() {
        gate.pause();
        Fakes.Record record = record(PAGE);

        UniAssertSubscriber<Void> run = runner.run(record.message, FetchReviews.class, this::nextPage)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        assertEquals(0, worked.get());
        assertFalse(record.acked);
        gate.resume();
        run.awaitItem(AWAIT);
        record.awaitSettled();
        assertEquals(1, worked.get());
        assertTrue(record.acked);
    }
}
