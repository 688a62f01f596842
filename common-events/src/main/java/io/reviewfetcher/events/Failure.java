package io.reviewfetcher.events;

import java.time.Instant;

/**
 * Why one attempt of a stage event failed.
 *
 * @param attempt      the attempt that failed (0 = first try)
 * @param httpStatus   Google's (or token-service's) HTTP status, or null when there was no answer
 * @param reason       a short machine-friendly cause, e.g. {@code RESOURCE_EXHAUSTED} or {@code timeout}
 * @param retryable    false for a permanent failure, which goes straight to the dead-letter topic
 * @param retryAfterMs the delay the server asked for, or null
 */
public record Failure(int attempt, Instant at, Integer httpStatus, String reason, boolean retryable,
                      Long retryAfterMs) {

    public Failure {
        Fields.atLeast(attempt, 0, "attempt");
        Fields.required(at, "at");
        Fields.requiredText(reason, "reason");
    }
}
