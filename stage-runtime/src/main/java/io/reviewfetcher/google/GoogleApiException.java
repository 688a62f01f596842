package io.reviewfetcher.google;

/**
 * A Google error answer. {@link #status()} is Google's canonical status ({@code RESOURCE_EXHAUSTED},
 * {@code PERMISSION_DENIED}…) and {@link #reason()} the ErrorInfo reason where Google gave one. The
 * message never holds a token: Google's error bodies do not echo credentials.
 */
public class GoogleApiException extends RuntimeException {
    private final int httpStatus;
    private final String status;
    private final String reason;
    private final Long retryAfterMs;

    public GoogleApiException(int httpStatus, String status, String reason, String message, Long retryAfterMs) {
        super(httpStatus + " " + status + (reason == null ? "" : " (" + reason + ")") + ": " + message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.reason = reason;
        this.retryAfterMs = retryAfterMs;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The delay Google asked for (Retry-After header or RetryInfo detail), or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }

    /** Worth trying again later: quota, server trouble. 400/401/403/404 are not. */
    public boolean retryable() {
        return httpStatus == 429 || httpStatus == 408 || httpStatus >= 500;
    }
}
