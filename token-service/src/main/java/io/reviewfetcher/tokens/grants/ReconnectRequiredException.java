package io.reviewfetcher.tokens.grants;

/** A client has no usable grant (never connected, revoked, or refused by Google): the business must consent again. */
public class ReconnectRequiredException extends RuntimeException {

    private final long clientId;
    private final String reason;

    public ReconnectRequiredException(long clientId, String reason, String detail) {
        super(detail, null, false, false);
        this.clientId = clientId;
        this.reason = reason;
    }

    public long clientId() {
        return clientId;
    }

    /** Machine-readable: {@code not_connected}, {@code invalid_grant}, {@code revoked}, {@code no_refresh_token}, {@code inactive}. */
    public String reason() {
        return reason;
    }
}
