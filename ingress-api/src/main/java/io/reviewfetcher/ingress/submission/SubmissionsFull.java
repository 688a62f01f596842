package io.reviewfetcher.ingress.submission;

import java.time.Duration;

/** All {@code limit} places for submissions in flight are taken: try again after {@code retryAfter}. */
public class SubmissionsFull extends RuntimeException {

    private final int limit;
    private final Duration retryAfter;

    public SubmissionsFull(int limit, Duration retryAfter) {
        super(limit + " submissions in flight", null, false, false);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public int limit() {
        return limit;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
