package io.reviewfetcher.events;

import java.time.Instant;

/**
 * Why one attempt of a stage event failed.
 *
 * @param attempt      the attempt that failed (0 = first try)
 * @param httpStatus   Google's (or token-service's) HTTP status, or null when there was no answer
 * @param reason       a short machine-friendly cause, e.g. {@code RESOURCE_EXHAUSTED} or {@code timeout}
 * @param retryable    false for a permanent failure, which goes straight to the dead-letter topic
 * @param retryAfterMs the delay the server asked for, or null; 0 to {@link #MAX_RETRY_AFTER_MS}
 */
public record Failure(int attempt, Instant at, Integer httpStatus, String reason, boolean retryable,
                      Long retryAfterMs) {

    /** The longest delay a failure may ask for: a day, longer than any quota window Google resets. */
    public static final long MAX_RETRY_AFTER_MS = 86_400_000L;

    public Failure {
        Fields.atLeast(attempt, 0, "attempt");
        Fields.timestamp(at, "at");
        Fields.requiredText(reason, "reason");
        Fields.millisOrNull(retryAfterMs, MAX_RETRY_AFTER_MS, "retry_after_ms");
    }
}
