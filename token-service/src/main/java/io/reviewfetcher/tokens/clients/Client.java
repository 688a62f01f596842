package io.reviewfetcher.tokens.clients;

import java.time.Instant;

/**
 * A business's or agency's Google OAuth app credentials, as stored (the secret still sealed).
 * {@code attentionReason} is set while Google refuses them ({@code invalid_client}, {@code unauthorized_client}).
 */
public record Client(long id, String googleClientId, String sealedSecret, String redirectUri, String name,
                     boolean active, String attentionReason, Instant attentionSince, Instant createdAt, Instant updatedAt) {

    /** Google refuses the client's credentials: an operator must fix them before any refresh can work. */
    public boolean needsAttention() {
        return attentionReason != null;
    }

    /** Context bound into the sealed secret, so it opens only for this client row. */
    public static String secretContext(long id) {
        return "client_secret:" + id;
    }

    @Override
    public String toString() {
        return "Client[id=" + id + ", googleClientId=" + googleClientId + "]";
    }
}
