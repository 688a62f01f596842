package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * Progress of one task of a job ({@code job-events}), for the job status. Tasks have deterministic ids,
 * so a redelivered event is recognised and counted once: job status is built from sets keyed by task id,
 * never from increments. The ids ({@link TaskIds}): {@code accounts} (the root task: the first page of
 * accounts, spawned by ingress-api's {@code submitted} event, task {@code job}) and {@code accounts:p<n>} for
 * later pages, {@code locations:<account_id>} and {@code locations:<account_id>:p<n>},
 * {@code reviews:<location_id>:<page_number>}, and {@code review:<review_id>} for a single review that
 * failed validation (dead-lettered, never spawned, so it marks the job with errors without blocking it), as is
 * {@code notifications:<account_id>} for an account whose notification setting Google refused.
 * Every task is one page of a Google list, so one event lists at most one page's worth of spawned tasks
 * (the page's items and the next page): 21 for accounts, 101 for locations, 1 for reviews.
 *
 * @param taskId            the unit of work this event reports on
 * @param attempt           which try of the task this is (0 = first), so each retry is counted once
 * @param outcome           what happened to it
 * @param spawnedTaskIds    the tasks it fanned out (the page's items and the next page); the job is complete
 *                          when every spawned task is done
 * @param accounts          accounts this task found
 * @param locations         locations this task found (after de-duplication across accounts)
 * @param reviewsDelivered  reviews this task published to {@code reviews-raw}
 * @param duplicatesSkipped reviews this task saw again within the job and did not publish
 * @param reason            why it is retried or dead-lettered, or null
 * @param reviewsNew        of the reviews delivered, those never delivered before (version 2; the review store)
 * @param reviewsUpdated    of the reviews delivered, those edited since they were last delivered (version 2)
 * @param reviewsUnchanged  of the reviews delivered, those delivered before as they are (version 2; full runs only)
 * @param reviewsDeleted    reviews this task found deleted on Google, each announced by a {@code review_deleted}
 *                          (version 2)
 * @param incomplete        the location whose walk this task ended short of Google's count, or null (version 2)
 * @param locationsDone     locations whose reviews a batch task ({@code reviews-batch:…}, incremental runs) finished:
 *                          its last page reports the batch's locations; 0 for every other task, whose locations are
 *                          counted from their {@code reviews:<location>:…} tasks (version 2)
 * @param listedLocationIds of the location ids the job is narrowed to ({@code location_ids}), those this page of
 *                          locations listed, whichever page of the job owns them; empty for every other task and when
 *                          the job is not narrowed. The job status tells the requested locations no page listed
 *                          (deleted, moved, a typo) from those fetched (version 2; at most {@value #MAX_LISTED_LOCATIONS})
 */
public record JobEvent(String jobId, Instant createdAt, String taskId, int attempt, Outcome outcome, List<String> spawnedTaskIds,
                       int accounts, int locations, int reviewsDelivered, int duplicatesSkipped, String reason,
                       int reviewsNew, int reviewsUpdated, int reviewsUnchanged, int reviewsDeleted, Incomplete incomplete,
                       int locationsDone, List<String> listedLocationIds)
        implements Event {

    /** One page of Google's {@code locations.list}: a page cannot list more. */
    public static final int MAX_LISTED_LOCATIONS = 100;

    public JobEvent {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.requiredText(taskId, "task_id");
        Fields.atLeast(attempt, 0, "attempt");
        Fields.required(outcome, "outcome");
        spawnedTaskIds = Fields.copy(spawnedTaskIds, "spawned_task_ids");
        Fields.atLeast(accounts, 0, "accounts");
        Fields.atLeast(locations, 0, "locations");
        Fields.atLeast(reviewsDelivered, 0, "reviews_delivered");
        Fields.atLeast(duplicatesSkipped, 0, "duplicates_skipped");
        Fields.atLeast(reviewsNew, 0, "reviews_new");
        Fields.atLeast(reviewsUpdated, 0, "reviews_updated");
        Fields.atLeast(reviewsUnchanged, 0, "reviews_unchanged");
        Fields.atLeast(reviewsDeleted, 0, "reviews_deleted");
        Fields.atLeast(locationsDone, 0, "locations_done");
        listedLocationIds = Fields.copyAtMost(listedLocationIds, MAX_LISTED_LOCATIONS, "listed_location_ids");
    }

    /** An event without review changes: every task but a page of reviews. */
    public JobEvent(String jobId, Instant createdAt, String taskId, int attempt, Outcome outcome, List<String> spawnedTaskIds,
                    int accounts, int locations, int reviewsDelivered, int duplicatesSkipped, String reason) {
        this(jobId, createdAt, taskId, attempt, outcome, spawnedTaskIds, accounts, locations, reviewsDelivered,
                duplicatesSkipped, reason, 0, 0, 0, 0, null, 0, List.of());
    }

    /**
     * A location whose walk ended with fewer distinct reviews than Google's {@code totalReviewCount}, after the
     * recovery walks the worker allows: reviews knowingly missing, never a silent loss.
     */
    public record Incomplete(String locationId, int expected, int delivered) {
        public Incomplete {
            Fields.requiredText(locationId, "location_id");
            Fields.atLeast(expected, 0, "expected");
            Fields.atLeast(delivered, 0, "delivered");
        }
    }

    public enum Outcome {
        /** ingress-api published the job to fetch-accounts. */
        @JsonProperty("submitted")
        SUBMITTED,
        /** The task finished; its spawned tasks are now expected. */
        @JsonProperty("done")
        DONE,
        /** The task failed and retry-service will try it again. */
        @JsonProperty("retry_scheduled")
        RETRY_SCHEDULED,
        /** The task was given up on and sits in fetch-dlq. */
        @JsonProperty("dead_lettered")
        DEAD_LETTERED
    }
}
