package io.reviewfetcher.tokens.oauth;

/**
 * Google's OAuth endpoint refused or did not answer. {@code status} 0 means no answer at all. The message
 * holds only Google's error code and description, which never contain a token.
 */
public class GoogleOAuthException extends RuntimeException {

    private final int status;
    private final String error;

    public GoogleOAuthException(int status, String error, String description) {
        super(error + (description == null || description.isBlank() ? "" : ": " + description), null, false, false);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** The grant is dead (revoked, expired, or a used code): only a new consent helps. */
    public boolean isInvalidGrant() {
        return "invalid_grant".equals(error);
    }

    /**
     * Google refuses the client itself, not the grant: an unknown client id or a wrong secret
     * ({@code invalid_client}), or a refresh token issued to another client ({@code unauthorized_client}).
     */
    public boolean isClientRefused() {
        return "invalid_client".equals(error) || "unauthorized_client".equals(error);
    }

    /** Worth trying again later: no answer, a 5xx or a 429. */
    public boolean isTransient() {
        return status == 0 || status >= 500 || status == 429;
    }
}
