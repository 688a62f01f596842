package io.reviewfetcher.ingress.schedules;

import java.time.Instant;

/** A run a schedule started: its job, what triggered it, the due time it ran for, and when it started. */
public record ScheduledRun(String jobId, Trigger trigger, Instant dueAt, Instant startedAt) {
}
