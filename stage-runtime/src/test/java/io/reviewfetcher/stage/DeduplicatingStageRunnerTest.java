package io.reviewfetcher.stage;

import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.GoogleApiException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stage that works each task once: finished tasks are skipped, and only success after publishing marks one. */
class DeduplicatingStageRunnerTest extends StageFixture {
    final Fakes.Finished finished = new Fakes.Finished(timeline);
    final DeduplicatingStageRunner once = runner.deduplicating(finished);

    @Test
    void aTaskAlreadyFinishedIsAcknowledgedWithoutWork() {
        finished.tasks.add(TaskIds.of(PAGE));
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(0, worked.get());
        assertEquals(List.of(), publisher.sent);
        assertTrue(record.acked);
        assertEquals(1, counter("stage.records.already.finished", "topic", "fetch-reviews"));
    }

    @Test
    void aSuccessIsMarkedFinishedAfterItsResultsArePublishedAndBeforeTheRecordIsAcknowledged() {
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(List.of("worked", "published FetchReviews", "published JobEvent", "marked finished", "ack"), timeline);
        assertEquals(List.of(TaskIds.of(PAGE)), finished.tasks);
    }

    /**
     * A record can wait minutes for its permit; another copy of its task (a retry, a record read again after a
     * rebalance) may finish it meanwhile. Publishing too would deliver the page's reviews twice.
     */
    @Test
    void aTaskFinishedByAnotherCopyWhileItsWorkRanIsAcknowledgedUnpublished() {
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, page -> {
            finished.tasks.add(TaskIds.of(page)); // the other copy finishes while this one waits for Google
            return nextPage(page);
        }).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(1, worked.get());
        assertEquals(List.of(), publisher.sent);
        assertTrue(record.acked);
        assertEquals(1, counter("stage.records.finished.meanwhile", "topic", "fetch-reviews"));
    }

    /** Two copies of one task in flight in one pod: the later waits for the earlier, then finds the task finished. */
    @Test
    void aSecondCopyOfATaskInFlightWaitsForTheFirstAndIsNotWorked() {
        CompletableFuture<Void> google = new CompletableFuture<>();
        Fakes.Record first = record(PAGE, 1);
        Fakes.Record second = record(PAGE, 2);
        once.runOnce(first.message, FetchReviews.class,
                page -> Uni.createFrom().completionStage(google).chain(answered -> nextPage(page))).await().atMost(AWAIT);
        once.runOnce(second.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        assertEquals(0, worked.get(), "the second copy waits: it is not worked beside the first");

        google.complete(null);
        first.awaitSettled();
        second.awaitSettled();

        assertEquals(1, worked.get());
        assertEquals(2, publisher.sent.size(), "one copy's results");
        assertTrue(first.acked);
        assertTrue(second.acked);
        assertEquals(1, counter("stage.records.already.finished", "topic", "fetch-reviews"));
    }

    @Test
    void aFailedTaskStaysOpenForItsNextAttempt() {
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class,
                page -> failing(new GoogleApiException(503, "UNAVAILABLE", null, "later", null))).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(1, publisher.sent(RetryRequest.class).size());
        assertEquals(List.of(), finished.tasks);
        assertTrue(record.acked);
    }

    @Test
    void whatCouldNotBePublishedIsNotMarkedFinished() {
        publisher.failWith = new IllegalStateException("broker down");
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        record.awaitSettled();
        assertEquals(List.of(), finished.tasks);
        assertEquals(List.of("worked", "nack"), timeline);
    }

    @Test
    void withoutTheLookupTheWorkIsDoneAnyway() {
        finished.tasks.add(TaskIds.of(PAGE));
        finished.lookupFails = true;
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(1, worked.get(), "Redis away: at worst the work is repeated");
        assertTrue(record.acked);
    }

    @Test
    void withoutTheMarkTheRecordIsAcknowledgedAllTheSame() {
        finished.markFails = true;
        Fakes.Record record = record(PAGE);

        once.runOnce(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        record.awaitSettled();

        assertEquals(2, publisher.sent.size());
        assertTrue(record.acked);
    }

    @Test
    void theFinishedTasksAreRequired() {
        assertThrows(NullPointerException.class, () -> runner.deduplicating(null));
    }
}
