package io.reviewfetcher.failures;

/**
 * A failure of a task's work whose kind we know: it says itself whether another attempt can succeed.
 * Messages are written by us (or are Google's error text) and never hold a token or a key.
 */
public abstract class TaskFailure extends RuntimeException {
    private final boolean retryable;
    private final Integer httpStatus;
    private final Long retryAfterMs;

    protected TaskFailure(String message, boolean retryable, Integer httpStatus, Long retryAfterMs) {
        super(message, null, false, false);
        this.retryable = retryable;
        this.httpStatus = httpStatus;
        this.retryAfterMs = retryAfterMs;
    }

    /** Worth trying again later; a permanent failure goes to the dead-letter topic at once. */
    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status of the answer that failed, or null without an answer. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** The delay the other side asked for before another try, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
