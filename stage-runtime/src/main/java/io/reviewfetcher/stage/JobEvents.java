package io.reviewfetcher.stage;

import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.UnreadableRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The progress events a stage reports on {@code job-events}. */
public final class JobEvents {
    private JobEvents() {
    }

    public static JobEvent done(StageEvent task, List<String> spawned, int accounts, int locations, int reviewsDelivered,
                                int duplicatesSkipped) {
        return new JobEvent(task.jobId(), Instant.now(), TaskIds.of(task), task.attempt(), JobEvent.Outcome.DONE, spawned,
                accounts, locations, reviewsDelivered, duplicatesSkipped, null);
    }

    /**
     * A page of reviews done: what it delivered, split by what each review was to the version delivered before, the
     * deletions its walk's end found, and the location it left short of Google's count, if any.
     */
    public static JobEvent reviewPage(StageEvent task, List<String> spawned, Map<ReviewChange, Integer> delivered,
                                      int duplicatesSkipped, int deleted, JobEvent.Incomplete incomplete) {
        int total = delivered.values().stream().mapToInt(Integer::intValue).sum();
        return new JobEvent(task.jobId(), Instant.now(), TaskIds.of(task), task.attempt(), JobEvent.Outcome.DONE, spawned,
                0, 0, total, duplicatesSkipped, null, delivered.getOrDefault(ReviewChange.NEW, 0),
                delivered.getOrDefault(ReviewChange.UPDATED, 0), delivered.getOrDefault(ReviewChange.UNCHANGED, 0), deleted,
                incomplete, 0, List.of());
    }

    /**
     * A page of locations done, {@code done} of whose {@code found} locations need no task (counted done at once), and
     * which of the locations the job is narrowed to it {@code listed} (empty when the job is not narrowed).
     */
    public static JobEvent listingPage(StageEvent task, List<String> spawned, int found, int done, List<String> listed) {
        return new JobEvent(task.jobId(), Instant.now(), TaskIds.of(task), task.attempt(), JobEvent.Outcome.DONE, spawned,
                0, found, 0, 0, null, 0, 0, 0, 0, null, done, listed);
    }

    public static JobEvent failed(StageEvent task, JobEvent.Outcome outcome, String reason) {
        return new JobEvent(task.jobId(), Instant.now(), TaskIds.of(task), task.attempt(), outcome, List.of(), 0, 0, 0, 0,
                reason);
    }

    /**
     * The task an unreadable record stood for, dead-lettered with it: its job stops waiting for a task nobody will
     * work. Only for a record that {@link UnreadableRecord#namesTask() names} its job and task.
     */
    public static JobEvent unreadable(UnreadableRecord record, String reason) {
        if (!record.namesTask()) {
            throw new IllegalArgumentException("the record names no task: no job can be told of it");
        }
        return new JobEvent(record.jobId(), Instant.now(), record.taskId(), record.attempt(), JobEvent.Outcome.DEAD_LETTERED,
                List.of(), 0, 0, 0, 0, reason);
    }

    /** One review that failed validation: dead-lettered on its own, without failing its page. */
    public static JobEvent invalidReview(StageEvent page, String reviewId, String reason) {
        return new JobEvent(page.jobId(), Instant.now(), TaskIds.review(reviewId), page.attempt(),
                JobEvent.Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, reason);
    }

    /**
     * One account of a page whose notification setting Google refused: dead-lettered on its own, without failing its page
     * (task {@code notifications:<account>}, never spawned: it marks the job with errors without holding it open).
     */
    public static JobEvent notificationsRefused(StageEvent page, String accountId, String reason) {
        return new JobEvent(page.jobId(), Instant.now(), TaskIds.notifications(accountId), page.attempt(),
                JobEvent.Outcome.DEAD_LETTERED, List.of(), 0, 0, 0, 0, reason);
    }

    /**
     * A page of a batch of locations' reviews (incremental runs): the reviews it delivered, new or updated (an
     * incremental run delivers no unchanged review), and, on the batch walk's last page, its locations as done.
     */
    public static JobEvent reviewBatchPage(StageEvent page, List<String> spawned, int reviewsNew, int reviewsUpdated,
                                           int duplicatesSkipped, int locationsDone) {
        return new JobEvent(page.jobId(), Instant.now(), TaskIds.of(page), page.attempt(), JobEvent.Outcome.DONE, spawned,
                0, 0, reviewsNew + reviewsUpdated, duplicatesSkipped, null, reviewsNew, reviewsUpdated, 0, 0, null, locationsDone,
                List.of());
    }
}
