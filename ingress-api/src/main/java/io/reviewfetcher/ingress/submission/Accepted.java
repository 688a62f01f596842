package io.reviewfetcher.ingress.submission;

import java.time.Instant;

/**
 * A job durable on fetch-accounts: its id, and when the submitted access token it runs on expires (null for a
 * managed client, whose tokens token-service refreshes), after which its remaining work fails.
 */
public record Accepted(String jobId, Instant credentialExpiresAt) {
}
