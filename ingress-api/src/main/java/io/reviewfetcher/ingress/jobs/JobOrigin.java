package io.reviewfetcher.ingress.jobs;

/**
 * Where a job came from, when not from a caller's own submission: the schedule whose run it is and the trigger
 * ({@code schedule:full} or {@code schedule:incremental}). Kept in the job's status beside its events, which do not carry it.
 */
public record JobOrigin(String scheduleId, String trigger) {
}
