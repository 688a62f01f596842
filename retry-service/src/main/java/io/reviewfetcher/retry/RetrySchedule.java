package io.reviewfetcher.retry;

import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.TaskIds;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * When a failed task is due again: exponential backoff with equal jitter (a uniform delay between half of
 * {@code min(max, initial · multiplier^attempt)} and all of it), or the server's Retry-After when that is
 * longer. Half the ceiling is guaranteed so that the retries of a task span at least a known time (about
 * 45 s with the defaults) whatever the draws: full jitter let nine attempts pass in ten seconds, shorter
 * than a dependency's restart.
 *
 * <p>The jitter is drawn from a hash of job, task and attempt instead of a random source, so a schedule
 * rebuilt after a restart gives every pending retry the due time it had before.
 */
@ApplicationScoped
public class RetrySchedule {
    private final RetryConfig config;

    public RetrySchedule(RetryConfig config) {
        this.config = config;
    }

    public boolean exhausted(RetryRequest request) {
        return request.event().attempt() >= config.maxRetries();
    }

    public Instant dueAt(RetryRequest request) {
        Failure failure = request.latest();
        return failure.at().plusMillis(delayMs(request.jobId(), TaskIds.of(request.event()), failure));
    }

    long delayMs(String jobId, String taskId, Failure failure) {
        double ceiling = Math.min(config.maxBackoffMs(),
                config.initialBackoffMs() * Math.pow(config.backoffMultiplier(), failure.attempt()));
        long jittered = (long) (ceiling / 2 * (1 + unitFraction(jobId + "|" + taskId + "|" + failure.attempt())));
        long askedFor = failure.retryAfterMs() == null ? 0 : failure.retryAfterMs();
        return Math.max(jittered, askedFor);
    }

    /** A well-mixed, repeatable fraction in [0, 1). */
    private static double unitFraction(String key) {
        long h = 1125899906842597L;
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        h ^= (h >>> 33);
        h *= 0xff51afd7ed558ccdL;
        h ^= (h >>> 33);
        return (h >>> 11) * 0x1.0p-53;
    }
}
