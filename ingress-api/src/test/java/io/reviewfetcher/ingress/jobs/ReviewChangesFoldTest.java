package io.reviewfetcher.ingress.jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.JobEvent.Incomplete;
import io.reviewfetcher.events.JobEvent.Outcome;
import io.reviewfetcher.events.TaskIds;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * job_event v2's review changes folded in Redis (job-status/apply-event.lua) straight against Redis: the counts of
 * new, updated, unchanged and deleted reviews and the locations a batch task finished count each task's first
 * done report once, whatever is redelivered; an incomplete location keeps its latest report, in any order of
 * arrival; the requested locations pages listed add up to one set. Needs Redis (and, to boot, Kafka), as
 * CompletionRuleTest.
 */
@QuarkusTest
class ReviewChangesFoldTest {

    @Inject
    JobStatusStore store;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private JobEvent submitted(String job) {
        return new JobEvent(job, t0, TaskIds.SUBMISSION, 0, Outcome.SUBMITTED, List.of(TaskIds.ACCOUNTS), 0, 0, 0, 0, null);
    }

    private JobEvent done(String job, int second, String task, List<String> spawned) {
        return new JobEvent(job, t0.plusSeconds(second), task, 0, Outcome.DONE, spawned, 0, 0, 0, 0, null);
    }

    private JobEvent page(String job, int second, String task, int delivered, int fresh, int updated, int unchanged, int deleted,
                          Incomplete incomplete) {
        return new JobEvent(job, t0.plusSeconds(second), task, 0, Outcome.DONE, List.of(), 0, 0, delivered, 0, null,
                fresh, updated, unchanged, deleted, incomplete, 0, List.of());
    }

    private JobEvent batch(String job, int second, String task, int delivered, int fresh, int updated, int locationsDone) {
        return new JobEvent(job, t0.plusSeconds(second), task, 0, Outcome.DONE, List.of(), 0, 0, delivered, 0, null,
                fresh, updated, 0, 0, null, locationsDone, List.of());
    }

    private JobEvent listingPage(String job, int second, String task, List<String> spawned, List<String> listed) {
        return new JobEvent(job, t0.plusSeconds(second), task, 0, Outcome.DONE, spawned, 0, listed.size(), 0, 0, null,
                0, 0, 0, 0, null, 0, listed);
    }

    private void apply(JobEvent... events) {
        for (JobEvent event : events) {
            store.apply(event).await().atMost(Duration.ofSeconds(10));
        }
    }

    private JobStatus status(String job) {
        return store.status(job).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void eachTasksChangesCountOnceThroughRedeliveries() {
        String job = UUID.randomUUID().toString();
        JobEvent l1 = page(job, 2, "reviews:L1:1", 50, 30, 15, 5, 2, null);
        JobEvent l2 = page(job, 3, "reviews:L2:1", 7, 7, 0, 0, 0, null);
        // A re-run of L1's page after a crash: the store answers the same changes, still counted once.
        apply(submitted(job), done(job, 1, TaskIds.ACCOUNTS, List.of("reviews:L1:1", "reviews:L2:1")), l1, l2, l1, l2, l1);

        JobStatus.Counts counts = status(job).counts();
        assertEquals(37, counts.reviewsNew());
        assertEquals(15, counts.reviewsUpdated());
        assertEquals(5, counts.reviewsUnchanged());
        assertEquals(2, counts.reviewsDeleted());
        assertEquals(57, counts.reviewsDelivered());
    }

    @Test
    void locationsABatchTaskFinishedAddToTheLocationsDoneOnce() {
        String job = UUID.randomUUID().toString();
        JobEvent batchOne = batch(job, 2, "reviews-batch:A:1", 9, 4, 5, 40);
        JobEvent batchTwo = batch(job, 3, "reviews-batch:A:2", 1, 1, 0, 10);
        apply(submitted(job), done(job, 1, TaskIds.ACCOUNTS, List.of("reviews-batch:A:1", "reviews-batch:A:2", "reviews:L7:1")),
                batchOne, batchTwo, batchOne, page(job, 4, "reviews:L7:1", 3, 3, 0, 0, 0, null), batchTwo);

        JobStatus status = status(job);
        assertEquals(51, status.counts().locationsDone(), "40 + 10 from the batches, 1 from L7's own page");
        assertEquals(8, status.counts().reviewsNew());
        assertEquals("completed", status.status());
    }

    @Test
    void theLatestReportOfAnIncompleteLocationWinsInAnyOrder() {
        String job = UUID.randomUUID().toString();
        JobEvent earlier = page(job, 2, "reviews:L1:3", 0, 0, 0, 0, 0, new Incomplete("L1", 160, 140));
        JobEvent later = page(job, 5, "reviews:L1:2:v1", 0, 0, 0, 0, 0, new Incomplete("L1", 160, 151));
        JobEvent other = page(job, 3, "reviews:L2:1", 0, 0, 0, 0, 0, new Incomplete("L2", 12, 11));
        // The later report first, then the earlier one and redeliveries: L1 stays at its latest.
        apply(submitted(job), later, other, earlier, later, earlier);

        JobStatus status = status(job);
        assertEquals(List.of(new JobStatus.IncompleteLocation("L1", 160, 151), new JobStatus.IncompleteLocation("L2", 12, 11)),
                status.incompleteLocations());
        assertEquals(2, status.counts().locationsIncomplete());
    }

    @Test
    void theRequestedLocationsPagesListedFoldIntoOneSetThroughRedeliveriesAndReRuns() {
        String job = UUID.randomUUID().toString();
        store.requestLocations(job, List.of("L1", "L2", "L3")).await().atMost(Duration.ofSeconds(10));
        // Page 1 run again on a changed list (L2 moved onto it), and both reports redelivered: each adds, none takes away.
        JobEvent firstRun = listingPage(job, 2, "locations:A", List.of(), List.of("L1"));
        JobEvent reRun = listingPage(job, 3, "locations:A", List.of(), List.of("L1", "L2"));
        apply(submitted(job), done(job, 1, TaskIds.ACCOUNTS, List.of("locations:A")), firstRun, reRun, firstRun, reRun);
        // The submission's write again (a second pod's, say): a set add, nothing changes.
        store.requestLocations(job, List.of("L1", "L2", "L3")).await().atMost(Duration.ofSeconds(10));

        JobStatus status = status(job);
        assertEquals("completed_with_errors", status.status());
        assertEquals(List.of("L3"), status.locationsNotListed());
        assertEquals(1, status.counts().locationsNotListed());
        assertEquals(1, status.counts().locations(), "the first done report's count, as ever");
    }

    @Test
    void aJobNotNarrowedHasNoLocationsNotListed() {
        String job = UUID.randomUUID().toString();
        apply(submitted(job), done(job, 1, TaskIds.ACCOUNTS, List.of("locations:A")),
                listingPage(job, 2, "locations:A", List.of(), List.of()));

        JobStatus status = status(job);
        assertEquals("completed", status.status());
        assertEquals(List.of(), status.locationsNotListed());
    }
}
