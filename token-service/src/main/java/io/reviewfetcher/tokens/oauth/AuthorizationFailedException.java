package io.reviewfetcher.tokens.oauth;

/** An OAuth callback that cannot complete the flow; the user has to start the authorization again. */
public class AuthorizationFailedException extends RuntimeException {

    public enum Reason {
        /** The state is unknown, expired, already used or forged. */
        INVALID_STATE,
        /** The user did not consent (Google redirected with {@code error}). */
        CONSENT_REFUSED,
        /** Google refused the authorization code. */
        CODE_REFUSED
    }

    private final Reason reason;

    public AuthorizationFailedException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
