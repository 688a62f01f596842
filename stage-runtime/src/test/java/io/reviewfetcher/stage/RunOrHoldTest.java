package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** retry-service's cycle: a record is settled at once, or held unacknowledged until it is released. */
class RunOrHoldTest extends StageFixture {
    static final RetryRequest FAILED = new RetryRequest("job-1", NOW, PAGE,
            List.of(new Failure(2, NOW, 503, "503 UNAVAILABLE: later", true, null)));

    final List<HeldRecord> store = new ArrayList<>();
    final List<JobLog.Position> positions = new ArrayList<>();

    Fakes.Record retryRecord() {
        return new Fakes.Record("fetch-retry", 5, 42, "job-1", EventCodec.encode(FAILED), timeline);
    }

    Uni<Disposition> keep(RetryRequest request, JobLog.Position position) {
        positions.add(position);
        return Uni.createFrom().item(Disposition.hold(held -> {
            store.add(held);
            return Uni.createFrom().voidItem();
        }));
    }

    @Test
    void aSettledRecordIsPublishedThenAcknowledged() {
        Fakes.Record record = retryRecord();
        DeadLetter letter = new DeadLetter("job-1", NOW, "fetch-reviews", "permanent failure: x", PAGE, FAILED.failures(), null);

        runner.runOrHold(record.message, RetryRequest.class,
                (request, position) -> Uni.createFrom().item(Disposition.settle(List.<Event>of(letter)))).await().atMost(AWAIT);

        assertEquals(List.of(letter), publisher.sent);
        assertEquals(List.of("published DeadLetter", "ack"), timeline);
        assertEquals(1, counter("stage.records.consumed", "topic", "fetch-retry"));
    }

    @Test
    void aSettledRecordThatCannotBePublishedIsNacked() {
        publisher.failWith = new IllegalStateException("broker down");
        Fakes.Record record = retryRecord();

        assertThrows(IllegalStateException.class, () -> runner.runOrHold(record.message, RetryRequest.class,
                (request, position) -> Uni.createFrom().item(Disposition.settle(List.of(JobEvents.failed(PAGE,
                        JobEvent.Outcome.DEAD_LETTERED, "x"))))).await().atMost(AWAIT));

        assertFalse(record.acked);
        assertSame(publisher.failWith, record.nacked);
    }

    @Test
    void aHeldRecordStaysUnacknowledgedUntilReleasedAfterItsRepublication() {
        Fakes.Record record = retryRecord();

        runner.runOrHold(record.message, RetryRequest.class, this::keep).await().atMost(AWAIT);

        assertEquals(new JobLog.Position("fetch-retry", 5, 42L), positions.get(0));
        assertEquals(1, store.size());
        assertFalse(record.acked, "held: not acknowledged, so never committed");
        assertEquals(List.of(), publisher.sent);

        HeldRecord held = store.get(0);
        assertEquals(positions.get(0), held.position());
        List<String> steps = new ArrayList<>();
        held.release(List.of(PAGE.withAttempt(3)), () -> {
            steps.add("marked published");
            return Uni.createFrom().voidItem();
        }).await().atMost(AWAIT);

        assertEquals(List.of(PAGE.withAttempt(3)), publisher.sent);
        assertSame(record.message, publisher.causes.get(0));
        assertEquals(List.of("marked published"), steps);
        assertEquals(List.of("published FetchReviews", "ack"), timeline);
    }

    @Test
    void aReleaseThatCannotPublishLeavesTheRecordHeldNotNackedSoItCanBeReleasedAgain() {
        Fakes.Record record = retryRecord();
        runner.runOrHold(record.message, RetryRequest.class, this::keep).await().atMost(AWAIT);
        HeldRecord held = store.get(0);

        publisher.failWith = new IllegalStateException("broker down");
        assertThrows(IllegalStateException.class,
                () -> held.release(List.of(PAGE.withAttempt(3)), () -> Uni.createFrom().voidItem()).await().atMost(AWAIT));
        assertFalse(record.acked);
        assertNull(record.nacked, "a nack would stop the channel; the record is only kept for another try");

        publisher.failWith = null;
        held.release(List.of(PAGE.withAttempt(3)), () -> Uni.createFrom().voidItem()).await().atMost(AWAIT);
        assertTrue(record.acked);
    }

    @Test
    void theAcknowledgementWaitsForTheBrokerAndForWhatComesBeforeIt() {
        Fakes.Record record = retryRecord();
        runner.runOrHold(record.message, RetryRequest.class, this::keep).await().atMost(AWAIT);
        CompletableFuture<Void> broker = publisher.holdBrokerAcks();

        UniAssertSubscriber<Void> release = store.get(0).release(List.of(PAGE.withAttempt(3)), () -> Uni.createFrom().voidItem())
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertFalse(record.acked);
        broker.complete(null);
        release.awaitItem(AWAIT);
        assertTrue(record.acked);
    }

    @Test
    void aReleaseWithNothingToPublishOnlyAcknowledges() {
        Fakes.Record record = retryRecord();
        runner.runOrHold(record.message, RetryRequest.class, this::keep).await().atMost(AWAIT);

        store.get(0).release(List.of(), () -> Uni.createFrom().voidItem()).await().atMost(AWAIT);

        assertEquals(List.of(), publisher.sent);
        assertTrue(record.acked);
    }

    @Test
    void theConsumerWaitsUntilTheHoldingSideHasRoom() {
        Fakes.Record record = retryRecord();
        CompletableFuture<Void> room = new CompletableFuture<>();

        UniAssertSubscriber<Void> run = runner.runOrHold(record.message, RetryRequest.class,
                (request, position) -> Uni.createFrom().item(Disposition.hold(held -> Uni.createFrom().completionStage(room))))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        run.assertNotTerminated();
        room.complete(null);
        run.awaitItem(AWAIT);
        assertFalse(record.acked);
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndAcknowledgedWithoutADecision() {
        Fakes.Record record = new Fakes.Record("fetch-retry", 0, 7, "job-1", "not json".getBytes(), timeline);

        runner.runOrHold(record.message, RetryRequest.class, this::keep).await().atMost(AWAIT);

        assertEquals(List.of(), positions);
        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertEquals("fetch-retry", letter.sourceTopic());
        assertEquals(7, letter.poison().offset());
        assertTrue(record.acked);
    }
}
