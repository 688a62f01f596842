package io.reviewfetcher.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * ingress-api's own settings; the env names are in application.properties and the README. The API keys
 * ({@code api-keys.caller}) and the token-service key ({@code token-service.api-key}) belong to
 * service-support and token-service-client.
 */
@ConfigMapping(prefix = "ingress")
public interface IngressConfig {

    Submissions submissions();

    Limits limits();

    Status status();

    interface Submissions {
        /**
         * {@code DEQUE_MAX_SIZE}: submissions in flight (accepted for processing, not yet acknowledged by the
         * broker) before new ones are answered 429. Nothing waits in memory after the 202.
         */
        @WithDefault("10000")
        int maxInFlight();

        /** The {@code Retry-After} a 429 (buffer full) or 503 (broker or token-service unavailable) carries. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    interface Limits {
        /** Largest body of {@code POST /api/v1/review-fetch}; larger is 413. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** Largest body of {@code POST /api/v1/review-fetch/bulk}; larger is 413. */
        @WithDefault("8388608")
        int maxBulkBodyBytes();

        /** Most submissions in one bulk call. */
        @WithDefault("1000")
        int maxBulkItems();

        /** Most ids in {@code account_ids} or {@code location_ids}. */
        @WithDefault("1000")
        int maxIds();
    }

    interface Status {
        /** How long a job's status is kept after its last event. */
        @WithDefault("30d")
        Duration retention();

        /** Prefix of the status keys in Redis. */
        @WithDefault("job:")
        String keyPrefix();

        /** Events of one job-events batch written to Redis at the same time. */
        @WithDefault("16")
        int writeConcurrency();
    }
}
