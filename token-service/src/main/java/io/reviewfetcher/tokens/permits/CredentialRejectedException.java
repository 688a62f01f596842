package io.reviewfetcher.tokens.permits;

import java.util.OptionalLong;

/** The credential of a permit request cannot be used: no permit, and asking again will not help. */
public class CredentialRejectedException extends RuntimeException {

    public enum Reason {
        /** No such submitted credential (or its expiry is no longer remembered). */
        UNKNOWN,
        /** The submitted access token expired: the job must be submitted again with a fresh one. */
        EXPIRED,
        /** Google no longer accepts it (revoked), or a managed client must reconnect. */
        NOT_USABLE,
        /** Google refuses the managed client's own OAuth credentials: an operator must correct the client. */
        CLIENT_MISCONFIGURED
    }

    private final Reason reason;
    private final Long reconnectClientId;

    public CredentialRejectedException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    /** @param reconnectClientId the managed client whose business must go through the OAuth flow again, if any */
    public CredentialRejectedException(Reason reason, String detail, Long reconnectClientId) {
        super(detail, null, false, false);
        this.reason = reason;
        this.reconnectClientId = reconnectClientId;
    }

    public Reason reason() {
        return reason;
    }

    public OptionalLong reconnectClientId() {
        return reconnectClientId == null ? OptionalLong.empty() : OptionalLong.of(reconnectClientId);
    }
}
