package io.reviewfetcher.failures;

import java.util.List;

/**
 * A Google error answer. {@link #status()} is Google's canonical status ({@code RESOURCE_EXHAUSTED},
 * {@code PERMISSION_DENIED}…), {@link #reason()} the ErrorInfo reason where Google gave one and
 * {@link #badFields()} the request fields a BadRequest detail names. Retryable are quota, timeouts and server
 * trouble (429, 408, 5xx); 400/401/403/404 are not. The message never holds a token: Google's error bodies do
 * not echo credentials, and of a bad field only its name is kept.
 */
public class GoogleApiException extends TaskFailure {
    private final String status;
    private final String reason;
    private final List<String> badFields;

    public GoogleApiException(int httpStatus, String status, String reason, String message, Long retryAfterMs) {
        this(httpStatus, status, reason, message, retryAfterMs, List.of());
    }

    /** @param badFields the fields of a {@code google.rpc.BadRequest} detail's violations, e.g. {@code page_token} */
    public GoogleApiException(int httpStatus, String status, String reason, String message, Long retryAfterMs,
                              List<String> badFields) {
        super(httpStatus + " " + status + (reason == null ? "" : " (" + reason + ")") + ": " + message
                        + (badFields.isEmpty() ? "" : " [bad " + String.join(", ", badFields) + "]"),
                httpStatus == 429 || httpStatus == 408 || httpStatus >= 500, httpStatus, retryAfterMs);
        this.status = status;
        this.reason = reason;
        this.badFields = List.copyOf(badFields);
    }

    public String status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public List<String> badFields() {
        return badFields;
    }

    /**
     * Google refused the page token the request carried (400 INVALID_ARGUMENT on {@code page_token}): one it no
     * longer takes, after a long backlog or a late replay, or one that was never its own. The same token never
     * works again; page 1 does.
     */
    public boolean pageTokenRefused() {
        return httpStatus() == 400 && "INVALID_ARGUMENT".equals(status)
                && (badFields.contains("page_token") || badFields.contains("pageToken"));
    }

    /** Google's project quota answered: the token bucket should make this impossible. */
    public boolean quotaExceeded() {
        return httpStatus() == 429 && "RESOURCE_EXHAUSTED".equals(status);
    }
}
