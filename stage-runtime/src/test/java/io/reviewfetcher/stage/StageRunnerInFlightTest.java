package io.reviewfetcher.stage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchReviews;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several records in flight per pod: the entry point returns once a record has a slot, so the consumer reads on;
 * records settle out of order; with every slot taken, the next record waits for one.
 */
class StageRunnerInFlightTest extends StageFixture {
    /** The Google call of each page, by page number, completed when the test says so. */
    final Map<Integer, CompletableFuture<Void>> google = Collections.synchronizedMap(new HashMap<>());
    final List<Long> settledOffsets = Collections.synchronizedList(new ArrayList<>());

    /** Starts the page's Google call (counted in {@link #worked}); its results once the test completes the call. */
    Uni<List<Event>> slowPage(FetchReviews page) {
        worked.incrementAndGet();
        CompletableFuture<Void> call = google.computeIfAbsent(page.pageNumber(), n -> new CompletableFuture<>());
        return Uni.createFrom().completionStage(call)
                .map(answered -> List.of(page.withAttempt(0), JobEvents.done(page, List.of(), 0, 0, 50, 0)));
    }

    Fakes.Record page(int number) {
        FetchReviews page = new FetchReviews("job-1", NOW, "client:42", "111", "222" + number, "Cafe", null, "t" + number,
                number, PAGE.mode(), 0);
        Fakes.Record record = record(page, 1000 + number);
        record.settled.thenRun(() -> settledOffsets.add(1000L + number));
        return record;
    }

    UniAssertSubscriber<Void> consume(StageRunner stage, Fakes.Record record) {
        return stage.run(record.message, FetchReviews.class, this::slowPage).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void withTwoSlotsAThirdRecordWaitsUntilOneOfTheFirstTwoSettles() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageRunner stage = runner(2, registry);
        Fakes.Record first = page(1);
        Fakes.Record second = page(2);
        Fakes.Record third = page(3);

        consume(stage, first).awaitItem(AWAIT);
        consume(stage, second).awaitItem(AWAIT);
        UniAssertSubscriber<Void> waiting = consume(stage, third);

        assertEquals(2, worked.get(), "both first records are being worked, neither acknowledged yet");
        assertFalse(first.acked || second.acked);
        waiting.assertNotTerminated();
        assertEquals(2, gauge(registry, "stage.records.in.flight"));
        assertEquals(2, gauge(registry, "stage.records.in.flight.limit"));

        google.get(2).complete(null);
        second.awaitSettled();
        waiting.awaitItem(AWAIT);
        assertEquals(3, worked.get(), "the freed slot went to the waiting record");
        assertFalse(first.acked, "the first record is still with Google");

        google.get(1).complete(null);
        google.get(3).complete(null);
        first.awaitSettled();
        third.awaitSettled();
        assertEquals(0, gauge(registry, "stage.records.in.flight"), "every slot given back");
    }

    @Test
    void recordsSettleAndAreAcknowledgedOutOfOrder() {
        List<Fakes.Record> records = List.of(page(1), page(2), page(3));
        records.forEach(record -> consume(runner, record).awaitItem(AWAIT));
        assertEquals(3, worked.get(), "one consumer handed over three records without waiting for any");

        google.computeIfAbsent(3, n -> new CompletableFuture<>()).complete(null);
        records.get(2).awaitSettled();
        google.get(1).complete(null);
        records.get(0).awaitSettled();
        google.get(2).complete(null);
        records.get(1).awaitSettled();

        assertEquals(List.of(1003L, 1001L, 1002L), settledOffsets,
                "acknowledged as their results became durable; the throttled strategy commits only below the oldest open one");
        assertTrue(records.stream().allMatch(record -> record.acked && record.nacked == null));
    }

    @Test
    void aRecordThatCannotPublishIsNackedAfterTheConsumerMovedOnAndGivesItsSlotBack() {
        StageRunner stage = runner(1);
        Fakes.Record failing = page(1);
        Fakes.Record next = page(2);
        consume(stage, failing).awaitItem(AWAIT);
        UniAssertSubscriber<Void> waiting = consume(stage, next);

        IllegalStateException brokerDown = new IllegalStateException("broker down");
        publisher.failWith = brokerDown;
        google.get(1).complete(null);

        failing.awaitSettled();
        assertFalse(failing.acked);
        assertSame(brokerDown, failing.nacked, "nacked: the channel stops rather than commit past it");
        waiting.awaitItem(AWAIT);
        publisher.failWith = null;
        google.get(2).complete(null);
        next.awaitSettled();
        assertTrue(next.acked);
    }

    @Test
    void theDeduplicatingEntryPointKeepsRecordsInFlightToo() {
        Fakes.Finished finished = new Fakes.Finished(timeline);
        DeduplicatingStageRunner once = runner(2).deduplicating(finished);
        Fakes.Record first = page(1);
        Fakes.Record second = page(2);
        Fakes.Record third = page(3);

        once.runOnce(first.message, FetchReviews.class, this::slowPage).await().atMost(AWAIT);
        once.runOnce(second.message, FetchReviews.class, this::slowPage).await().atMost(AWAIT);
        UniAssertSubscriber<Void> waiting = once.runOnce(third.message, FetchReviews.class, this::slowPage)
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        waiting.assertNotTerminated();
        google.get(1).complete(null);
        first.awaitSettled();
        waiting.awaitItem(AWAIT);
        google.get(2).complete(null);
        google.get(3).complete(null);
        second.awaitSettled();
        third.awaitSettled();
        assertEquals(3, finished.tasks.size());
        assertTrue(first.acked && second.acked && third.acked);
    }

    @Test
    void aFailureThatEscapesTheCycleNacksTheRecordInsteadOfLeavingItOpen() {
        List<Throwable> nacks = new ArrayList<>();
        CompletableFuture<Void> settled = new CompletableFuture<>();
        // No Kafka metadata: the cycle cannot even tell where the record came from (a defect, not a routed failure).
        Message<byte[]> odd = Message.of(new byte[] {1}, () -> {
            settled.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            nacks.add(reason);
            settled.complete(null);
            return CompletableFuture.completedFuture(null);
        });

        runner.run(odd, FetchReviews.class, this::slowPage).await().atMost(AWAIT);

        settled.join();
        assertEquals(1, nacks.size());
        assertInstanceOf(NoSuchElementException.class, nacks.get(0));
        assertEquals(0, gauge("stage.records.in.flight"));
    }

    @Test
    void aFailedAcknowledgementIsNackedAsBefore() {
        Fakes.Record page = page(1);
        IllegalStateException commitLost = new IllegalStateException("ack failed");
        List<Throwable> nacks = Collections.synchronizedList(new ArrayList<>());
        Message<byte[]> record = Message.of(page.message.getPayload(), page.message.getMetadata(),
                () -> CompletableFuture.failedFuture(commitLost), reason -> {
                    nacks.add(reason);
                    return CompletableFuture.completedFuture(null);
                });
        google.computeIfAbsent(1, n -> new CompletableFuture<>()).complete(null);

        runner.run(record, FetchReviews.class, this::slowPage).await().atMost(AWAIT);

        assertEquals(1, nacks.size(), "exactly one nack: " + nacks);
        assertSame(commitLost, nacks.get(0));
    }

    @Test
    void aRecordIsSettledOnceEvenWhenTheCycleFailsAfterItsNack() {
        publisher.failWith = new IllegalStateException("broker down");
        Fakes.Record record = page(1);
        google.computeIfAbsent(1, n -> new CompletableFuture<>()).complete(null);

        runner.run(record.message, FetchReviews.class, this::slowPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(List.of("nack"), timeline.stream().filter(step -> step.equals("nack") || step.equals("ack")).toList(),
                "the nack where publishing failed, and no second one from the safety net");
    }

    @Test
    void aRunnerNeedsAtLeastOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> runner(0));
    }
}
