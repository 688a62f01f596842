package io.reviewfetcher.ingress.submission;

/** The submission carries no credential, or one that cannot be a Google access token. */
public class UnusableCredential extends RuntimeException {

    public enum Reason {
        /** Neither an Authorization header, an access_token nor a client_id. */
        MISSING,
        /** The access token is not 1 to 4096 printable ASCII characters without spaces. */
        MALFORMED_TOKEN,
        /** The Authorization header is not {@code Bearer <token>}. */
        MALFORMED_AUTHORIZATION
    }

    private final Reason reason;

    public UnusableCredential(Reason reason) {
        super("unusable credential: " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
