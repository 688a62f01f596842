package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;

/** Submits a scheduled run as an ordinary job ({@link SubmittedScheduledJobs}). */
public interface ScheduledJobs {

    /** Completes once the run's job is durable on fetch-accounts under {@code run.jobId()}. */
    Uni<Void> start(Schedule schedule, DueRun run);
}
