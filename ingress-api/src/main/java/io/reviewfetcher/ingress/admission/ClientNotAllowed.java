package io.reviewfetcher.ingress.admission;

/**
 * A valid caller key used for a client it is not valid for: a job, or a schedule, of that client. The client id is
 * not a secret and may be told (it passed the id rules before this check); the key never is.
 */
public class ClientNotAllowed extends RuntimeException {

    private final String clientId;

    public ClientNotAllowed(String clientId) {
        super("the caller key is not valid for this client", null, false, false);
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
