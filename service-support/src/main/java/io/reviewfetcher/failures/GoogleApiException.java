package io.reviewfetcher.failures;

/**
 * A Google error answer. {@link #status()} is Google's canonical status ({@code RESOURCE_EXHAUSTED},
 * {@code PERMISSION_DENIED}…) and {@link #reason()} the ErrorInfo reason where Google gave one. Retryable
 * are quota, timeouts and server trouble (429, 408, 5xx); 400/401/403/404 are not. The message never
 * holds a token: Google's error bodies do not echo credentials.
 */
public class GoogleApiException extends TaskFailure {
    private final String status;
    private final String reason;

    public GoogleApiException(int httpStatus, String status, String reason, String message, Long retryAfterMs) {
        super(httpStatus + " " + status + (reason == null ? "" : " (" + reason + ")") + ": " + message,
                httpStatus == 429 || httpStatus == 408 || httpStatus >= 500, httpStatus, retryAfterMs);
        this.status = status;
        this.reason = reason;
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** Google's project quota answered: the token bucket should make this impossible. */
    public boolean quotaExceeded() {
        return httpStatus() == 429 && "RESOURCE_EXHAUSTED".equals(status);
    }
}
