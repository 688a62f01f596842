package io.reviewfetcher.ingress.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything ingress-api reads from its environment; the env names are in application.properties and the README. */
@ConfigMapping(prefix = "ingress")
public interface IngressConfig {

    Submissions submissions();

    Security security();

    Limits limits();

    Status status();

    interface Submissions {
        /**
         * {@code DEQUE_MAX_SIZE}: submissions in flight (accepted for processing, not yet acknowledged by the
         * broker) before new ones are answered 429. The seeds' bounded deque, without its flaw: nothing waits
         * in memory after the 202.
         */
        @WithDefault("10000")
        int maxInFlight();

        /** The {@code Retry-After} a 429 (buffer full) or 503 (broker or token-service unavailable) carries. */
        @WithDefault("1s")
        Duration retryAfter();
    }

    interface Security {
        /** {@code INGRESS_API_KEYS}: keys accepted in {@code X-API-Key} for {@code client_id} jobs; none = such jobs are refused. */
        Optional<List<String>> apiKeys();

        /** {@code SERVICE_API_KEY}: what ingress-api presents to token-service; none = access-token jobs answer 503. */
        Optional<String> serviceApiKey();
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
