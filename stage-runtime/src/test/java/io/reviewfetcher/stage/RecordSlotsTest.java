package io.reviewfetcher.stage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The pod's slots: a waiting record's cycle runs on the context it arrived on, and a record that gives up waiting frees its place. */
class RecordSlotsTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWaitingRecordContinuesOnItsOwnContextWhereverTheSlotWasGivenBack() throws Exception {
        RecordSlots slots = new RecordSlots(1);
        CompletableFuture<Void> busy = new CompletableFuture<>();
        slots.start(() -> Uni.createFrom().completionStage(busy)).await().atMost(StageFixture.AWAIT);

        Context consumer = vertx.getOrCreateContext();
        CompletableFuture<Context> ranOn = new CompletableFuture<>();
        consumer.runOnContext(ignored -> slots.start(() -> {
            ranOn.complete(Vertx.currentContext());
            return Uni.createFrom().voidItem();
        }).subscribe().with(started -> { }));

        busy.complete(null); // given back on this test thread, no Vert.x context here
        assertSame(consumer, ranOn.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRecordThatStopsWaitingLeavesNoSlotTaken() {
        RecordSlots slots = new RecordSlots(1);
        CompletableFuture<Void> busy = new CompletableFuture<>();
        slots.start(() -> Uni.createFrom().completionStage(busy)).await().atMost(StageFixture.AWAIT);
        AtomicInteger ran = new AtomicInteger();

        UniAssertSubscriber<Void> waiting = slots.start(() -> {
            ran.incrementAndGet();
            return Uni.createFrom().voidItem();
        }).subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.cancel(); // the consumer stops (shutdown)
        busy.complete(null);

        assertEquals(0, ran.get());
        assertEquals(0, slots.taken());
    }

    @Test
    void aFailedCycleGivesItsSlotBack() {
        RecordSlots slots = new RecordSlots(1);
        slots.start(() -> Uni.createFrom().failure(new IllegalStateException("handled by the cycle's owner")))
                .await().atMost(StageFixture.AWAIT);

        assertEquals(0, slots.taken());
    }
}
