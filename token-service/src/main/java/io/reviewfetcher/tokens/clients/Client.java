package io.reviewfetcher.tokens.clients;

import java.time.Instant;

/** A business's or agency's Google OAuth app credentials, as stored (the secret still sealed). */
public record Client(long id, String googleClientId, String sealedSecret, String redirectUri, String name,
                     boolean active, Instant createdAt, Instant updatedAt) {

    /** Context bound into the sealed secret, so it opens only for this client row. */
    public static String secretContext(long id) {
        return "client_secret:" + id;
    }

    @Override
    public String toString() {
        return "Client[id=" + id + ", googleClientId=" + googleClientId + "]";
    }
}
