package io.reviewfetcher.tokens.credentials;

/** A submitted access token that cannot be kept: Google does not accept it, it has expired, or it lacks the scope. */
public class AccessTokenRefusedException extends RuntimeException {

    public enum Reason {
        /** Unknown to Google, revoked or expired. */
        INVALID,
        /** Alive, but not granted the scope Business Profile needs. */
        INSUFFICIENT_SCOPE
    }

    private final Reason reason;

    public AccessTokenRefusedException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
