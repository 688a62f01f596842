package io.reviewfetcher.tokens.clients;

/**
 * Google's token endpoint refuses the client's own OAuth credentials ({@code invalid_client}: unknown client id
 * or wrong secret; {@code unauthorized_client}: the grant belongs to another client). A configuration error
 * that only an operator can fix: neither waiting nor a new consent helps.
 */
public class ClientMisconfiguredException extends RuntimeException {

    private final long clientId;
    private final String error;

    public ClientMisconfiguredException(long clientId, String error) {
        super("Google's token endpoint refuses the OAuth credentials of client " + clientId + " (" + error
                + "); an operator must correct its client_id or client_secret (PATCH /clients/" + clientId + ")", null, false, false);
        this.clientId = clientId;
        this.error = error;
    }

    public long clientId() {
        return clientId;
    }

    /** Google's error code: {@code invalid_client} or {@code unauthorized_client}. */
    public String error() {
        return error;
    }
}
