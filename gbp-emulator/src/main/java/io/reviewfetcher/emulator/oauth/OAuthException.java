package io.reviewfetcher.emulator.oauth;

/** An OAuth error answer of the token, tokeninfo or revoke endpoint: {@code {"error", "error_description"}}. */
public class OAuthException extends RuntimeException {

    private final int httpStatus;
    private final String error;
    private final String description;

    public OAuthException(int httpStatus, String error, String description) {
        super(error + ": " + description, null, false, false);
        this.httpStatus = httpStatus;
        this.error = error;
        this.description = description;
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description);
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String error() {
        return error;
    }

    public String description() {
        return description;
    }
}
