package io.reviewfetcher.ingress.jobs;

import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.JobEvent.Outcome;
import io.reviewfetcher.events.TaskIds;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The completion rule (job-status/job-status.lua) straight against Redis: the status a read answers and the
 * end the finishing apply reports (for jobs_duration_seconds) come from the same rule, so they agree.
 */
@QuarkusTest
class CompletionRuleTest {

    @Inject
    JobStatusStore store;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private JobEvent event(String jobId, int second, String task, Outcome outcome, String... spawned) {
        return new JobEvent(jobId, t0.plusSeconds(second), task, 0, outcome, List.of(spawned), 0, 0, 0, 0,
                outcome == Outcome.DEAD_LETTERED ? "404 NOT_FOUND" : null);
    }

    private JobEvent submitted(String jobId) {
        return event(jobId, 0, TaskIds.SUBMISSION, Outcome.SUBMITTED, TaskIds.ACCOUNTS);
    }

    /** Applies the events in order; what each apply reported (null: it did not finish the job). */
    private List<JobStatusStore.Finished> apply(JobEvent... events) {
        List<JobStatusStore.Finished> ends = new ArrayList<>();
        for (JobEvent event : events) {
            ends.add(store.apply(event).await().atMost(Duration.ofSeconds(10)));
        }
        return ends;
    }

    private JobStatus status(String jobId) {
        return store.status(jobId).await().atMost(Duration.ofSeconds(10));
    }

    private static List<JobStatusStore.Finished> endAt(int index, int size, String status, Duration duration) {
        List<JobStatusStore.Finished> expected = new ArrayList<>(Collections.nCopies(size, null));
        expected.set(index, new JobStatusStore.Finished(status, duration));
        return expected;
    }

    @Test
    void queuedUntilAWorkerReportsThenRunning() {
        String job = UUID.randomUUID().toString();
        apply(submitted(job));
        assertEquals("queued", status(job).status());
        apply(event(job, 1, TaskIds.ACCOUNTS, Outcome.RETRY_SCHEDULED));
        assertEquals("running", status(job).status());
        assertNull(status(job).finishedAt());
    }

    @Test
    void everySpawnedTaskDoneCompletesTheJobOnce() {
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                event(job, 4, "locations:A", Outcome.DONE),
                event(job, 5, "locations:A", Outcome.DONE));
        assertEquals(endAt(2, 4, "completed", Duration.ofSeconds(4)), ends);
        JobStatus status = status(job);
        assertEquals("completed", status.status());
        assertEquals(t0.plusSeconds(5), status.finishedAt());
    }

    /** A job of one review Google notified: its submission spawns review-change:<review>, which is its root. */
    private JobEvent submittedReviewChange(String jobId, String reviewId) {
        return event(jobId, 0, TaskIds.SUBMISSION, Outcome.SUBMITTED, TaskIds.reviewChange(reviewId));
    }

    @Test
    void aReviewChangeJobCompletesWhenItsOneTaskIsDone() {
        String job = UUID.randomUUID().toString();
        apply(submittedReviewChange(job, "R1"));
        JobStatus queued = status(job);
        assertEquals("queued", queued.status());
        assertEquals(1, queued.counts().tasksTotal(), "its one task, not accounts");
        List<JobStatusStore.Finished> ends = apply(event(job, 2, TaskIds.reviewChange("R1"), Outcome.DONE));
        assertEquals(endAt(0, 1, "completed", Duration.ofSeconds(2)), ends);
        JobStatus status = status(job);
        assertEquals("completed", status.status());
        assertEquals(1, status.counts().tasksFinished());
        assertEquals(t0.plusSeconds(2), status.finishedAt());
    }

    @Test
    void aReviewChangeJobWhoseTaskIsDeadLetteredFails() {
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submittedReviewChange(job, "R2"),
                event(job, 1, TaskIds.reviewChange("R2"), Outcome.RETRY_SCHEDULED),
                event(job, 3, TaskIds.reviewChange("R2"), Outcome.DEAD_LETTERED));
        assertEquals(endAt(2, 3, "failed", Duration.ofSeconds(3)), ends);
        assertEquals("failed", status(job).status());
    }

    @Test
    void aReviewChangeDoneBeforeItsSubmissionIsKnownEndsTheJobWhenTheSubmissionIs() {
        // Until the submitted event names the root, accounts is taken for it: the job runs, it does not complete early.
        String job = UUID.randomUUID().toString();
        assertEquals(Collections.singletonList(null), apply(event(job, 2, TaskIds.reviewChange("R3"), Outcome.DONE)));
        assertEquals("running", status(job).status());
        assertEquals(Collections.singletonList(new JobStatusStore.Finished("completed", Duration.ofSeconds(2))),
                apply(submittedReviewChange(job, "R3")));
        assertEquals("completed", status(job).status());
    }

    @Test
    void aDeadLetterOfATaskNeverSpawnedStillMakesItCompletedWithErrors() {
        // A review that failed validation is dead-lettered as review:<id> without being spawned.
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                event(job, 2, "review:AbC", Outcome.DEAD_LETTERED),
                event(job, 3, "locations:A", Outcome.DONE));
        assertEquals(endAt(3, 4, "completed_with_errors", Duration.ofSeconds(3)), ends);
        assertEquals("completed_with_errors", status(job).status());
    }

    @Test
    void aDeadLetteredRootFailsTheJobAtOnce() {
        // A child reported before its parent, which is then dead-lettered (a replayed failure, say).
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, "locations:A", Outcome.DONE, "reviews:L:1"),
                event(job, 2, TaskIds.ACCOUNTS, Outcome.DEAD_LETTERED));
        assertEquals(endAt(2, 3, "failed", Duration.ofSeconds(2)), ends);
        JobStatus status = status(job);
        assertEquals("failed", status.status());
        assertEquals(t0.plusSeconds(2), status.finishedAt());
    }

    @Test
    void aLaterPageOfAccountsDeadLetteredIsAnErrorNotTheRootFailing() {
        // One page per record: accounts (page 1, the root) spawns accounts:p2, whose failure loses only its own accounts.
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A", TaskIds.accounts(2)),
                event(job, 2, "locations:A", Outcome.DONE, "locations:A:p2"),
                event(job, 3, TaskIds.accounts(2), Outcome.DEAD_LETTERED),
                event(job, 4, "locations:A:p2", Outcome.DONE));
        assertEquals(endAt(4, 5, "completed_with_errors", Duration.ofSeconds(4)), ends);
        JobStatus status = status(job);
        assertEquals("completed_with_errors", status.status());
        assertEquals(List.of(new JobStatus.DeadLetter("accounts:p2", "404 NOT_FOUND")), status.deadLetters());
    }

    @Test
    void aListingIsFinishedOnlyWhenItsLastPageIs() {
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                event(job, 2, "locations:A", Outcome.DONE, "reviews:L1:1", "locations:A:p2"),
                event(job, 3, "reviews:L1:1", Outcome.DONE));
        assertEquals(Collections.nCopies(4, null), ends);
        assertEquals("running", status(job).status(), "page 2 of A's locations is still to come");
        assertEquals(endAt(1, 2, "completed", Duration.ofSeconds(5)), apply(
                event(job, 4, "locations:A:p2", Outcome.DONE, "reviews:L2:1"),
                event(job, 5, "reviews:L2:1", Outcome.DONE)));
    }

    @Test
    void replayingEveryDeadLetterMakesItCompletedButTheJobEndsOnce() {
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                event(job, 2, "locations:A", Outcome.DEAD_LETTERED));
        assertEquals(endAt(2, 3, "completed_with_errors", Duration.ofSeconds(2)), ends);
        assertEquals("completed_with_errors", status(job).status());

        assertEquals(Collections.singletonList(null), apply(event(job, 30, "locations:A", Outcome.DONE)));
        JobStatus replayed = status(job);
        assertEquals("completed", replayed.status());
        assertEquals(0, replayed.counts().deadLettered());
        assertEquals(t0.plusSeconds(30), replayed.finishedAt());
    }

    @Test
    void aChildBeforeItsParentNeverFinishesTheJobEarly() {
        String job = UUID.randomUUID().toString();
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 2, "locations:A", Outcome.DONE),
                event(job, 3, "locations:B", Outcome.DEAD_LETTERED));
        assertEquals(Collections.nCopies(3, null), ends);
        assertEquals("running", status(job).status());
        assertEquals(endAt(0, 1, "completed_with_errors", Duration.ofSeconds(3)),
                apply(event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A", "locations:B")));
    }

    @Test
    void reviewsKnowinglyMissingMakeAnOtherwiseCompletedJobCompletedWithErrors() {
        String job = UUID.randomUUID().toString();
        JobEvent shortWalk = new JobEvent(job, t0.plusSeconds(3), "reviews:L1:1", 0, Outcome.DONE, List.of(), 0, 0, 48, 0, null,
                48, 0, 0, 0, new JobEvent.Incomplete("L1", 50, 48), 0, List.of());
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                event(job, 2, "locations:A", Outcome.DONE, "reviews:L1:1"),
                shortWalk, shortWalk);
        assertEquals(endAt(3, 5, "completed_with_errors", Duration.ofSeconds(3)), ends);
        JobStatus status = status(job);
        assertEquals("completed_with_errors", status.status());
        assertEquals(0, status.counts().deadLettered());
        assertEquals(List.of(new JobStatus.IncompleteLocation("L1", 50, 48)), status.incompleteLocations());
    }

    /** A page of locations that listed these of the locations the job is narrowed to. */
    private JobEvent listingPage(String jobId, int second, String task, List<String> listed, String... spawned) {
        return new JobEvent(jobId, t0.plusSeconds(second), task, 0, Outcome.DONE, List.of(spawned), 0, spawned.length, 0, 0,
                null, 0, 0, 0, 0, null, 0, listed);
    }

    private void request(String jobId, String... locationIds) {
        store.requestLocations(jobId, List.of(locationIds)).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aRequestedLocationNoPageListedMakesAnOtherwiseCompletedJobCompletedWithErrors() {
        String job = UUID.randomUUID().toString();
        request(job, "L1", "L9");
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A"),
                listingPage(job, 2, "locations:A", List.of("L1"), "reviews:L1:1"));
        assertEquals(Collections.nCopies(3, null), ends);
        JobStatus running = status(job);
        assertEquals("running", running.status());
        assertEquals(List.of(), running.locationsNotListed(), "not before the job is final: a later page may list L9");
        assertEquals(0, running.counts().locationsNotListed());

        assertEquals(endAt(0, 1, "completed_with_errors", Duration.ofSeconds(3)), apply(event(job, 3, "reviews:L1:1", Outcome.DONE)));
        JobStatus status = status(job);
        assertEquals("completed_with_errors", status.status());
        assertEquals(0, status.counts().deadLettered());
        assertEquals(List.of("L9"), status.locationsNotListed());
        assertEquals(1, status.counts().locationsNotListed());
    }

    @Test
    void everyRequestedLocationListedByAnyPageOfAnyAccountCompletesTheJob() {
        // L2 is listed by account B's page too, which A's page claimed it before: listed all the same.
        String job = UUID.randomUUID().toString();
        request(job, "L1", "L2");
        List<JobStatusStore.Finished> ends = apply(submitted(job),
                event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE, "locations:A", "locations:B"),
                listingPage(job, 2, "locations:A", List.of("L1"), "reviews:L1:1", "locations:A:p2"),
                listingPage(job, 3, "locations:A:p2", List.of()),
                listingPage(job, 4, "locations:B", List.of("L2")),
                event(job, 5, "reviews:L1:1", Outcome.DONE));
        assertEquals(endAt(5, 6, "completed", Duration.ofSeconds(5)), ends);
        JobStatus status = status(job);
        assertEquals(List.of(), status.locationsNotListed());
        assertEquals(0, status.counts().locationsNotListed());
    }

    @Test
    void withoutItsSubmittedEventTheRootStillCountsButNoDurationIsKnown() {
        String job = UUID.randomUUID().toString();
        assertEquals(Collections.singletonList(null), apply(event(job, 1, TaskIds.ACCOUNTS, Outcome.DONE)));
        JobStatus status = status(job);
        assertEquals("completed", status.status());
        assertNull(status.submittedAt());
        assertEquals(1, status.counts().tasksTotal());
    }
}
