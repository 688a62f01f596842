package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskIdsTest {
    @Test
    void everyStageEventNamesItsTask() {
        assertEquals("accounts:p3", TaskIds.of(SampleEvents.fetchAccounts()));
        assertEquals("locations:111:p2", TaskIds.of(SampleEvents.fetchLocations()));
        assertEquals("reviews:222:2", TaskIds.of(SampleEvents.fetchReviews()));
        assertEquals("reviews-batch:111:222:2", TaskIds.of(SampleEvents.fetchReviewBatch()));
        assertEquals("review-change:AbFvOq-review_1", TaskIds.of(SampleEvents.fetchReviewChange()));
        assertEquals(TaskIds.ACCOUNTS, TaskIds.of(SampleEvents.notificationsJob()), "turning notifications on is a job like another");
    }

    /** A notified review is its job's only task: a retry or a replay is the same task. */
    @Test
    void aNotifiedReviewIsOneTaskWhateverItsTry() {
        FetchReviewChange change = SampleEvents.fetchReviewChange();
        assertEquals(TaskIds.of(change), TaskIds.of(change.withAttempt(3)));
        assertEquals(TaskIds.of(change), TaskIds.of(change.replayed(Instant.now())));
    }

    @Test
    void aBatchIsNamedByItsAccountAndFirstLocationAndEachPageIsATaskOfItsOwn() {
        FetchReviewBatch batch = SampleEvents.fetchReviewBatch();
        assertEquals(TaskIds.of(batch), TaskIds.of(batch.withAttempt(4)));
        assertEquals(TaskIds.of(batch), TaskIds.of(batch.replayed(Instant.now())));
        assertEquals("reviews-batch:111:222:3", TaskIds.of(batch.nextPage(Instant.now(), "t", null)));
        assertEquals("reviews-batch:111:222:1", TaskIds.reviewBatch("111", "222", 1));
    }

    @Test
    void aFirstListingPageKeepsThePlainIdSoAccountsStaysTheRoot() {
        Instant now = Instant.now();
        assertEquals(TaskIds.ACCOUNTS, TaskIds.of(new FetchAccounts("j", now, "client:x", null, null, FetchMode.FULL, 0)));
        assertEquals("locations:111", TaskIds.of(new FetchLocations("j", now, "client:x", "111", "A", null, FetchMode.FULL, 0)));
        assertEquals(TaskIds.locations("111"), TaskIds.locations("111", 1));
        assertEquals("accounts:p2", TaskIds.accounts(2));
        assertEquals("locations:111:p50", TaskIds.locations("111", 50));
    }

    @Test
    void theNextPageIsAnotherTaskAndARetryTheSameOne() {
        assertEquals(TaskIds.of(SampleEvents.fetchReviews()), TaskIds.of(SampleEvents.fetchReviews().withAttempt(4)));
        assertEquals(TaskIds.of(SampleEvents.fetchLocations()), TaskIds.of(SampleEvents.fetchLocations().withAttempt(4)));
        assertEquals("accounts:p4", TaskIds.of(SampleEvents.fetchAccounts().nextPage(Instant.now(), "t", null)));
        assertEquals("locations:111:p3", TaskIds.of(SampleEvents.fetchLocations().nextPage(Instant.now(), "t", null)));
        assertEquals("reviews:222:3", TaskIds.of(SampleEvents.fetchReviews().nextPage(Instant.now(), "t", null)));
    }

    /** A restarted walk is a walk of tasks of its own: none of them is a page the first walk finished. */
    @Test
    void aRestartedWalkHasTasksOfItsOwn() {
        FetchReviews restart = SampleEvents.fetchReviews().restarted(Instant.now());
        assertEquals("reviews:222:1:r1", TaskIds.of(restart));
        assertEquals("reviews:222:2:r1", TaskIds.of(restart.nextPage(Instant.now(), "t", null)));
        assertEquals("reviews:222:1:r1", TaskIds.of(restart.withAttempt(3)));
        assertEquals("reviews:222:1:r2", TaskIds.of(restart.nextPage(Instant.now(), "t", null).restarted(Instant.now())));
        assertEquals(TaskIds.reviews("222", 4), TaskIds.reviews("222", 4, 0));
    }
}
