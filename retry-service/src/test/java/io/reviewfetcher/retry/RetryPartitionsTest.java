package io.reviewfetcher.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.intake.IntakeGate;
import io.smallrye.common.annotation.Identifier;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** A rebalance of fetch-retry: what a pod holds from a partition it no longer reads is its new owner's. */
class RetryPartitionsTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final TopicPartition TWO = new TopicPartition("fetch-retry", 2);

    private final RetryStageTest.Publisher publisher = new RetryStageTest.Publisher();
    private final RetryStageTest.History history = new RetryStageTest.History();
    /** Ten pending at most; a first retry due within 25 to 50 ms; a failed try again after 100 ms. */
    private final RetryScheduleTest.Config config = new RetryScheduleTest.Config(3, 50, 100, 2.0);
    private final PendingRetries pending = new PendingRetries(config, new SimpleMeterRegistry());
    private final RetryStage stage = new RetryStage(new StageRunner(publisher, new IntakeGate(), new SimpleMeterRegistry(), 1),
            new RetrySchedule(config), pending, history, new SimpleMeterRegistry(), config);
    private final RetryPartitions partitions = new RetryPartitions(pending);

    RetryPartitionsTest() {
        stage.start(null);
    }

    /** A failed first try of a location's reviews; due in about 50 ms, or after {@code retryAfterMs}. */
    private static RetryRequest failed(String location, Long retryAfterMs) {
        FetchReviews page = new FetchReviews("job-1", Instant.now(), "client:42", "111", location, "Cafe", null, null, 1, FetchMode.FULL, 0);
        return new RetryRequest("job-1", Instant.now(), page, List.of(new Failure(0, Instant.now(), 503, "503", true, retryAfterMs)));
    }

    private RetryStageTest.Record consume(RetryRequest request, int partition, long offset) {
        RetryStageTest.Record record = new RetryStageTest.Record(EventCodec.encode(request), partition, offset);
        stage.consume(record.message).await().atMost(AWAIT);
        return record;
    }

    private List<String> published() {
        synchronized (publisher.sent) {
            return publisher.sent.stream().map(event -> ((FetchReviews) event).locationId()).toList();
        }
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("never: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theRetriesOfARevokedPartitionAreDroppedUnacknowledgedForItsNewOwner() throws Exception {
        RetryStageTest.Record kept = consume(failed("kept", null), 3, 10);
        RetryStageTest.Record revoked = consume(failed("revoked", null), 2, 10);

        partitions.onPartitionsRevoked(null, List.of(TWO));

        eventually("the kept partition's retry published and acknowledged", () -> kept.acked);
        Thread.sleep(200);
        assertEquals(List.of("kept"), published(), "the new owner of partition 2 reads the record again and publishes it");
        assertFalse(revoked.acked, "not ours to acknowledge any more");
        assertNull(revoked.nacked, "a nack would stop the channel");
        assertEquals(0, pending.size());
    }

    @Test
    void aRetryBeingPublishedWhenItsPartitionIsRevokedIsNotTakenBackIfThatFails() throws Exception {
        CompletableFuture<Void> broker = new CompletableFuture<>();
        publisher.brokerAck = broker;
        RetryStageTest.Record record = consume(failed("moving", null), 2, 10);
        eventually("being published", () -> publisher.attempts.get() == 1);

        partitions.onPartitionsRevoked(null, List.of(TWO));
        broker.completeExceptionally(new IllegalStateException("broker gone"));

        Thread.sleep(300);
        assertEquals(0, pending.size(), "not put back: the partition's new owner has it");
        assertEquals(1, publisher.attempts.get());
        assertFalse(record.acked);
        assertNull(record.nacked);
    }

    @Test
    void aPartitionAssignedAgainIsHeldAgain() throws Exception {
        partitions.onPartitionsRevoked(null, List.of(TWO));
        partitions.onPartitionsAssigned(null, List.of(TWO));

        RetryStageTest.Record record = consume(failed("back", null), 2, 11);

        eventually("published and acknowledged", () -> record.acked);
        assertEquals(List.of("back"), published());
    }

    @Test
    void revokingAPartitionMakesRoomForTheRecordsOfTheOthers() throws Exception {
        for (int i = 0; i < 9; i++) {
            consume(failed("later-" + i, 60_000L), 2, i);
        }
        var tenth = new RetryStageTest.Record(EventCodec.encode(failed("later-9", 60_000L)), 2, 9);
        CompletableFuture<Void> consumed = stage.consume(tenth.message).subscribeAsCompletionStage();
        Thread.sleep(100);
        assertFalse(consumed.isDone(), "10 of 10 pending: the consumer waits");

        partitions.onPartitionsRevoked(null, List.of(TWO));

        consumed.get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
        consume(failed("other", 60_000L), 3, 0);
        assertEquals(1, pending.size(), "only partition 3's");
    }

    @Test
    void theChannelNamesThisListener() throws Exception {
        Properties properties = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertEquals(RetryPartitions.NAME, properties.getProperty("mp.messaging.incoming.stage-in.consumer-rebalance-listener.name"));
        assertEquals(RetryPartitions.NAME, RetryPartitions.class.getAnnotation(Identifier.class).value());
    }
}
