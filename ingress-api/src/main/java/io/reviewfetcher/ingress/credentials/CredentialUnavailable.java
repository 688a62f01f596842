package io.reviewfetcher.ingress.credentials;

import java.time.Duration;

/**
 * A submitted access token could not be exchanged for a reference, for a reason on our side: the job is
 * not accepted and may be submitted again after {@link #retryAfter()} (null when waiting will not help).
 */
public class CredentialUnavailable extends RuntimeException {

    public enum Reason {
        /**
         * ingress-api has no key for token-service ({@code INGRESS_SERVICE_API_KEY}, else {@code SERVICE_API_KEY}):
         * access-token jobs cannot be taken at all.
         */
        NOT_CONFIGURED,
        /** token-service answered, but refused our key or failed. */
        REFUSED_OR_FAILED,
        /** token-service answered success without a usable {@code cred:<id>} reference. */
        UNUSABLE_ANSWER,
        /** No answer: connection refused, a timeout, the circuit breaker open. */
        UNREACHABLE
    }

    private final Reason reason;
    private final Duration retryAfter;

    public CredentialUnavailable(Reason reason, Duration retryAfter) {
        super("credential exchange unavailable: " + reason, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
