package io.reviewfetcher.ingress.schedules;

import java.time.Instant;

/**
 * The run a schedule owes now, and where its due times move on to whether it is started or skipped.
 *
 * @param dueAt the due time it runs for (the full one when both kinds were due)
 * @param jobId the job it starts, derived from the schedule, the trigger and {@code dueAt} ({@link ScheduledJobIds})
 */
public record DueRun(Trigger trigger, Instant dueAt, Instant nextIncrementalAt, Instant nextFullAt, String jobId) {
}
