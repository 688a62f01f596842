package io.reviewfetcher.ingress.credentials;

import java.time.Instant;

/**
 * A submitted access token as token-service keeps it: the reference events carry, and when the token expires
 * (null when token-service did not say), after which the job's remaining work fails.
 */
public record KeptCredential(String reference, Instant expiresAt) {
}
