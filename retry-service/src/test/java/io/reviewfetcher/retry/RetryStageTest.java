package io.reviewfetcher.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.stage.EventPublisher;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.intake.IntakeGate;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** fetch-retry records through retry-service's entry point, against a fake broker and an in-memory history. */
class RetryStageTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);

    /** A fetch-retry record that remembers whether it was acknowledged or nacked. */
    static final class Record {
        final Message<byte[]> message;
        volatile boolean acked;
        volatile Throwable nacked;

        Record(byte[] value) {
            this(value, 2, 77);
        }

        Record(byte[] value, int partition, long offset) {
            var metadata = new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>("fetch-retry", partition, offset, "job-1", value),
                    "stage-in");
            message = Message.of(value, Metadata.of(metadata), () -> {
                acked = true;
                return CompletableFuture.completedFuture(null);
            }, reason -> {
                nacked = reason;
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    /** The outgoing channel: keeps what is sent; the broker acknowledges at once unless told to fail or to wait. */
    static final class Publisher extends EventPublisher {
        final List<Event> sent = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger attempts = new AtomicInteger();
        volatile RuntimeException failWith;
        volatile CompletableFuture<Void> brokerAck;

        Publisher() {
            super(null);
        }

        @Override
        public Uni<Void> publish(Event event, Message<?> cause) {
            attempts.incrementAndGet();
            if (failWith != null) {
                return Uni.createFrom().failure(failWith);
            }
            sent.add(event);
            CompletableFuture<Void> ack = brokerAck;
            return ack == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(ack);
        }
    }

    /**
     * RetryHistory in memory, by generation as Redis keeps it; claims never lapse here (a lapse is Redis's
     * expiry). {@link #down} makes every call fail as it would with Redis away.
     */
    static final class History implements RetryHistory {
        private static final String PUBLISHED = "published";
        final Map<String, RetryRequest> remembered = Collections.synchronizedMap(new HashMap<>());
        final Map<String, String> claims = new HashMap<>();
        volatile boolean down;

        private <T> Uni<T> answer(Supplier<T> answer) {
            return down ? Uni.createFrom().failure(new IllegalStateException("redis away")) : Uni.createFrom().item(answer);
        }

        private static String attempt(RetryRequest request) {
            return RetryHistory.generation(request) + " " + request.event().attempt();
        }

        boolean remembers(RetryRequest request) {
            return remembered.containsKey(attempt(request));
        }

        synchronized boolean published(RetryRequest request) {
            return PUBLISHED.equals(claims.get(attempt(request)));
        }

        @Override
        public Uni<Void> remember(RetryRequest request) {
            return answer(() -> {
                remembered.put(attempt(request), request);
                return null;
            });
        }

        @Override
        public Uni<Claim> claim(RetryRequest request, String holder) {
            return answer(() -> {
                synchronized (this) {
                    String claimed = claims.putIfAbsent(attempt(request), holder);
                    return claimed == null || claimed.equals(holder) ? Claim.PUBLISH
                            : claimed.equals(PUBLISHED) ? Claim.PUBLISHED : Claim.TAKEN;
                }
            });
        }

        @Override
        public Uni<Void> markPublished(RetryRequest request) {
            return answer(() -> {
                synchronized (this) {
                    claims.put(attempt(request), PUBLISHED);
                }
                return null;
            });
        }

        @Override
        public Uni<List<Failure>> failures(RetryRequest latest) {
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("redis away"));
            }
            String generation = RetryHistory.generation(latest);
            List<Failure> all = new ArrayList<>();
            synchronized (remembered) {
                remembered.forEach((attempt, request) -> {
                    if (attempt.startsWith(generation + " ")) {
                        all.addAll(request.failures());
                    }
                });
            }
            all.addAll(latest.failures());
            return Uni.createFrom().item(all.stream().sorted((a, b) -> Integer.compare(a.attempt(), b.attempt())).toList());
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Publisher publisher = new Publisher();
    private final History history = new History();
    /** Three retries at most; the first due within 25 to 50 ms of its failure; a failed try again after 100 ms. */
    private final RetryScheduleTest.Config config = new RetryScheduleTest.Config(3, 50, 100, 2.0);
    private final PendingRetries pending = new PendingRetries(config, metrics);
    /** retry-service holds its records itself (runOrHold): the runner's in-flight slots are not used here. */
    private final RetryStage stage = new RetryStage(new StageRunner(publisher, new IntakeGate(), metrics, 1), new RetrySchedule(config),
            pending, history, metrics, config);

    RetryStageTest() {
        stage.start(null);
    }

    private static FetchReviews page(int attempt) {
        return new FetchReviews("job-1", Instant.now(), "client:42", "111", "222", "Cafe", null, null, 1, FetchMode.FULL, attempt);
    }

    private static RetryRequest failed(int attempt, boolean retryable) {
        return new RetryRequest("job-1", Instant.now(), page(attempt),
                List.of(new Failure(attempt, Instant.now(), 503, "503 UNAVAILABLE: later", retryable, null)));
    }

    private Record consume(Event event) {
        Record record = new Record(EventCodec.encode(event));
        stage.consume(record.message).await().atMost(AWAIT);
        return record;
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

    private <E extends Event> List<E> sent(Class<E> type) {
        synchronized (publisher.sent) {
            return publisher.sent.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Test
    void aRetryableFailureIsHeldUntilDueThenRepublishedWithTheNextAttemptAndOnlyThenAcknowledged() throws Exception {
        Record record = consume(failed(1, true));

        assertFalse(record.acked, "held while waiting: an uncommitted record comes back after a crash");

        eventually("re-published and acknowledged", () -> record.acked);
        assertTrue(history.remembers(failed(1, true)), "remembered before the next attempt went out");
        FetchReviews next = sent(FetchReviews.class).get(0);
        assertEquals(List.of(next), publisher.sent);
        assertEquals("222", next.locationId());
        assertEquals(2, next.attempt());
        assertTrue(history.published(failed(1, true)), "marked re-published before the acknowledgement");
        assertNull(record.nacked);
        assertEquals(0, pending.size());
        assertEquals(1, metrics.find("retry.scheduled").counter().count());
        assertEquals(1, metrics.find("retry.republished").counter().count());
    }

    /** A batch of locations' page (incremental runs) goes back to fetch-reviews as itself, next attempt. */
    @Test
    void aBatchIsRetriedAsABatch() throws Exception {
        FetchReviewBatch batch = new FetchReviewBatch("job-1", Instant.now(), "client:42", "111",
                List.of(new FetchReviewBatch.WatermarkedLocation("222", "Cafe", null, Instant.parse("2026-11-01T00:00:00Z")),
                        new FetchReviewBatch.WatermarkedLocation("333", "Bar", null, Instant.parse("2026-11-02T00:00:00Z"))));
        Record record = consume(new RetryRequest("job-1", Instant.now(), batch,
                List.of(new Failure(0, Instant.now(), 503, "503 UNAVAILABLE: later", true, null))));

        eventually("re-published and acknowledged", () -> record.acked);
        assertEquals(List.of(batch.withAttempt(1)), publisher.sent);
        assertEquals("fetch-reviews", batch.withAttempt(1).topic());
    }

    @Test
    void anAttemptAlreadyRepublishedBeforeACrashIsOnlyAcknowledged() throws Exception {
        history.markPublished(failed(1, true)).await().indefinitely();

        Record record = consume(failed(1, true));

        eventually("acknowledged", () -> record.acked);
        assertEquals(List.of(), publisher.sent);
    }

    @Test
    void aRetryThatCannotBePublishedStaysHeldAndIsScheduledAgain() throws Exception {
        publisher.failWith = new IllegalStateException("broker down");

        Record record = consume(failed(0, true));

        eventually("tried to re-publish, and again " + config.againAfterMs() + " ms later", () -> publisher.attempts.get() >= 2);
        assertFalse(record.acked);
        assertNull(record.nacked, "never nacked: that would stop the channel");
        eventually("back in the heap", () -> pending.size() == 1);

        publisher.failWith = null;
        eventually("re-published by the same holder once the broker is back", () -> record.acked);
        assertEquals(1, sent(FetchReviews.class).size());
    }

    @Test
    void aReplayIsRetriedThoughTheRunThatWasDeadLetteredUsedUpEveryAttempt() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            history.markPublished(failed(attempt, true)).await().indefinitely();
        }
        Instant replayedAt = Instant.now();
        FetchReviews replay = page(3).replayed(replayedAt);

        Record record = consume(new RetryRequest("job-1", Instant.now(), replay,
                List.of(new Failure(0, Instant.now(), 503, "503 UNAVAILABLE: later", true, null))));

        eventually("re-published and acknowledged", () -> record.acked);
        FetchReviews next = sent(FetchReviews.class).get(0);
        assertEquals(1, next.attempt());
        assertEquals(replayedAt, next.replayedAt(), "its retries stay in the replay");
    }

    @Test
    void aReplayIsAGenerationOfItsOwnWhileTheFirstRunKeepsTheKeyItAlwaysHad() {
        assertEquals("job-1:reviews:222:1", RetryHistory.generation(failed(0, true)), "histories written before replays had generations");
        RetryRequest replay = new RetryRequest("job-1", Instant.now(), page(8).replayed(Instant.ofEpochMilli(1_764_556_800_123L)),
                List.of(new Failure(0, Instant.now(), 503, "503", true, null)));
        assertEquals("job-1:reviews:222:1:replay:1764556800123", RetryHistory.generation(replay));
        assertEquals(RetryHistory.generation(replay), RetryHistory.generation(new RetryRequest("job-1", Instant.now(),
                replay.event().withAttempt(5), replay.failures())), "every attempt of the replay");
    }

    @Test
    void twoPodsHoldingTheSameRetryPublishItOnce() throws Exception {
        // A rebalance: the partition's new owner reads the record again while the old owner is publishing it.
        PendingRetries otherHeap = new PendingRetries(config, new SimpleMeterRegistry());
        RetryStage otherPod = new RetryStage(new StageRunner(publisher, new IntakeGate(), new SimpleMeterRegistry(), 1),
                new RetrySchedule(config), otherHeap, history, new SimpleMeterRegistry(), config);
        otherPod.start(null);
        CompletableFuture<Void> broker = new CompletableFuture<>();
        publisher.brokerAck = broker;
        RetryRequest request = failed(1, true);

        Record old = consume(request);
        eventually("the old owner publishes", () -> sent(FetchReviews.class).size() == 1);
        Record again = new Record(EventCodec.encode(request));
        otherPod.consume(again.message).await().atMost(AWAIT);
        Thread.sleep(200);
        broker.complete(null);

        eventually("both records acknowledged", () -> old.acked && again.acked);
        assertEquals(1, sent(FetchReviews.class).size(), "attempt 2 published once: " + publisher.sent);
        assertNull(again.nacked);
        assertEquals(0, otherHeap.size());
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnceWithTheWholeHistory() {
        history.remember(failed(0, true)).await().indefinitely();

        Record record = consume(failed(1, false));

        DeadLetter letter = sent(DeadLetter.class).get(0);
        assertEquals("fetch-reviews", letter.sourceTopic());
        assertEquals("permanent failure: 503 UNAVAILABLE: later", letter.reason());
        assertEquals(List.of(0, 1), letter.failures().stream().map(Failure::attempt).toList());
        assertEquals(JobEvent.Outcome.DEAD_LETTERED, sent(JobEvent.class).get(0).outcome());
        assertTrue(record.acked);
        assertEquals(0, pending.size());
    }

    @Test
    void exhaustedRetriesAreDeadLettered() {
        Record record = consume(failed(3, true));

        DeadLetter letter = sent(DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("retries exhausted after 4 attempts: "), letter.reason());
        assertEquals(1, metrics.find("stage.dead.letters").tag("reason", "retries_exhausted").counter().count());
        assertTrue(record.acked);
        assertEquals(List.of(), sent(FetchReviews.class));
    }

    /**
     * A time or delay that decodes as a number but overflows the schedule's arithmetic (the timer's wait in
     * milliseconds) is poison: dead-lettered at once, and the clock goes on for the other retries.
     */
    @Test
    void aRetryOfAnUnusableTimeOrDelayIsPoisonAndTheClockGoesOn() throws Exception {
        String valid = EventCodec.encodeToString(failed(0, true));
        String farFailure = valid.replaceFirst("\"at\":\"[^\"]*\"", "\"at\":\"+999999999-12-31T23:59:59Z\"");
        String endlessDelay = valid.replace("\"retry_after_ms\":null", "\"retry_after_ms\":9223372036854775807");
        for (String json : List.of(farFailure, endlessDelay)) {
            Record record = new Record(json.getBytes(StandardCharsets.UTF_8));
            stage.consume(record.message).await().atMost(AWAIT);
            assertTrue(record.acked, json);
        }

        List<DeadLetter> letters = sent(DeadLetter.class);
        assertEquals(List.of("unreadable record: failures[0].at", "unreadable record: failures[0].retry_after_ms"),
                letters.stream().map(letter -> letter.reason().substring(0, letter.reason().indexOf(": ", 20))).toList());
        assertEquals(0, pending.size());
        Record later = consume(failed(1, true));
        eventually("a later retry re-published", () -> later.acked);
    }

    @Test
    void withRedisAwayTheConsumerGoesOnAndTheRetryIsPublishedOnceRedisAnswers() throws Exception {
        history.down = true;

        Record first = consume(failed(1, true));
        Record second = consume(new RetryRequest("job-1", Instant.now(), page(0).nextPage(Instant.now(), "t", null),
                List.of(new Failure(0, Instant.now(), 503, "503 UNAVAILABLE: later", true, null))));

        Thread.sleep(200);
        assertNull(first.nacked, "a nack would stop the channel");
        assertFalse(first.acked, "held: nothing was re-published yet");
        assertFalse(second.acked);
        assertEquals(List.of(), publisher.sent);

        history.down = false;
        eventually("both re-published and acknowledged once Redis answers", () -> first.acked && second.acked);
        assertEquals(List.of(1, 2), sent(FetchReviews.class).stream().map(FetchReviews::attempt).sorted().toList());
        assertTrue(history.remembers(failed(1, true)), "remembered before the next attempt goes out");
        assertNull(second.nacked);
    }

    @Test
    void withRedisAwayExhaustedWorkIsHeldAndDeadLetteredWithItsHistoryOnceRedisAnswers() throws Exception {
        history.remember(failed(2, true)).await().indefinitely();
        history.down = true;

        Record record = consume(failed(3, true));

        Thread.sleep(200);
        assertNull(record.nacked, "a nack would stop the channel");
        assertFalse(record.acked);
        assertEquals(List.of(), publisher.sent);

        history.down = false;
        eventually("dead-lettered and acknowledged once Redis answers", () -> record.acked);
        DeadLetter letter = sent(DeadLetter.class).get(0);
        assertEquals(List.of(2, 3), letter.failures().stream().map(Failure::attempt).toList(), "the whole history");
        assertEquals(JobEvent.Outcome.DEAD_LETTERED, sent(JobEvent.class).get(0).outcome());
        assertEquals(0, pending.size());
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAsPoisonAndAcknowledged() {
        Record record = new Record("{\"type\":\"retry_request\"}".getBytes());

        stage.consume(record.message).await().atMost(AWAIT);

        DeadLetter letter = sent(DeadLetter.class).get(0);
        assertEquals("fetch-retry", letter.sourceTopic());
        assertEquals(77, letter.poison().offset());
        assertTrue(record.acked);
        assertEquals(0, pending.size());
    }
}
