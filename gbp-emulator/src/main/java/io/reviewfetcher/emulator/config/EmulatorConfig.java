package io.reviewfetcher.emulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the emulator can be told. Each key {@code emulator.a-b.c} can also be set as the
 * environment variable {@code EMULATOR_A_B_C}; {@code QUOTA_QPM} is wired in application.properties.
 */
@ConfigMapping(prefix = "emulator")
public interface EmulatorConfig {

    /** Seed of the generated data set; the same seed gives the same accounts, locations and reviews. */
    @WithDefault("42")
    long seed();

    /** Number of business accounts of the demo user (the first is PERSONAL). */
    @WithDefault("3")
    int accounts();

    /** Locations each account owns directly (some accounts also see locations of another). */
    @WithDefault("10")
    int locationsPerAccount();

    /** Mean reviews per location; the real spread is skewed (none, a handful, a few thousands). */
    @WithDefault("100")
    int reviewsPerLocation();

    /** Share of locations that are not verified: reviews calls for them answer 400 FAILED_PRECONDITION. */
    @WithDefault("0.05")
    double unverifiedLocationRatio();

    /** Newest moment of the seeded history; fixed so that the same seed gives the same timestamps. */
    @WithDefault("2026-01-01T00:00:00Z")
    Instant dataEpoch();

    /** Cloud project number that owns the OAuth clients; appears in 429/403 bodies. */
    @WithDefault("123456789012")
    long projectNumber();

    Quota quota();

    Limits limits();

    Reviews reviews();

    OAuth oauth();

    Push push();

    interface Quota {
        /**
         * Calls per rolling window for the whole project, across all Google API endpoints and callers.
         * 0 = every call 429s (Google's "not yet approved" state); negative = no quota (benchmarks).
         */
        int qpm();

        /** Google documents no Retry-After on GBP 429s; set this to add the header and a RetryInfo detail. */
        Optional<Duration> retryAfter();
    }

    interface Limits {
        /**
         * What a pageSize above the documented maximum gets: CLAMP to the maximum, as Google's list guidance
         * (AIP-158) has its APIs coerce it, and as peers sending 100 to reviews.list find it; REJECT (400
         * INVALID_ARGUMENT) is the harsher reading, for testing a client that must not rely on it.
         */
        @WithDefault("CLAMP")
        PageSizePolicy pageSizePolicy();

        /** Most locationNames in one batchGetReviews call (sources say 50 or 200; 50 is harsher). */
        @WithDefault("50")
        int batchMaxLocations();
    }

    interface Reviews {
        /** Whether writing or editing an owner reply moves the review's updateTime (unconfirmed; off is harsher). */
        @WithDefault("false")
        boolean replyBumpsUpdateTime();
    }

    interface OAuth {
        /** Lifetime of access tokens; Google answers expires_in 3599. */
        @WithDefault("3599s")
        Duration accessTokenLifetime();

        /** Lifetime of authorization codes (single use in any case). */
        @WithDefault("600s")
        Duration codeLifetime();

        /** Lifetime of refresh tokens; empty = until revoked. 7d plays an app in "Testing" status. */
        Optional<Duration> refreshTokenLifetime();

        /** Live refresh tokens per user and client; the oldest is silently invalidated past this (Google: 100). */
        @WithDefault("100")
        int maxRefreshTokensPerClient();

        /** Name (key under {@code clients}) of the client that {@code POST /emulator/tokens} mints for. */
        @WithDefault("demo")
        String demoClient();

        /** OAuth clients of the emulated Cloud project, by a local name. */
        Map<String, Client> clients();
    }

    interface Client {
        String clientId();

        String clientSecret();

        /** Exact redirect URIs (scheme, host, port, path and trailing slash must all match). */
        List<String> redirectUris();
    }

    /**
     * The Pub/Sub push subscription of the topic Google's review notifications go to: where the emulator POSTs each
     * message, and how it retries as Pub/Sub does.
     */
    interface Push {
        /** The push endpoint URL ({@code EMULATOR_PUSH_ENDPOINT}); absent or empty = no pushes at all. */
        Optional<String> endpoint();

        /** The {@code aud} of each push's OIDC token, as configured on the subscription; default: the endpoint URL. */
        Optional<String> audience();

        /** The service account whose OIDC token each push carries ({@code email} claim). */
        @WithDefault("review-fetcher-push@emulator-project.iam.gserviceaccount.com")
        String serviceAccount();

        /** The subscription's name in each envelope. */
        @WithDefault("projects/emulator-project/subscriptions/review-fetcher-push")
        String subscription();

        /** How long an undelivered message is retried before Pub/Sub gives up on it (counted as given up). */
        @WithDefault("10m")
        Duration retention();

        /** Backoff after the first failed attempt; doubles per attempt (Pub/Sub's retry policy allows 0-600 s). */
        @WithDefault("1s")
        Duration minBackoff();

        /** Longest backoff between two attempts. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** An attempt not answered within this counts as failed, as an unacknowledged push does on Pub/Sub. */
        @WithDefault("10s")
        Duration ackDeadline();

        /** How many of the most recent messages {@code GET /emulator/pushes} lists; counts cover all. */
        @WithDefault("1000")
        int logSize();
    }

    enum PageSizePolicy { REJECT, CLAMP }
}
