package io.reviewfetcher.tokens.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything token-service reads from its environment; the env names are in application.properties and the README. */
@ConfigMapping(prefix = "token-service")
public interface TokenServiceConfig {

    Quota quota();

    Security security();

    Google google();

    OAuth oauth();

    Credentials credentials();

    interface Quota {
        /** {@code QUOTA_QPM}: the Google project's quota, shared by every pod and worker. */
        int qpm();

        /**
         * The quota's window. Google counts per minute; only tests shorten it (with a proportionally
         * smaller quota), so that a rolling-window check runs in seconds instead of minutes.
         */
        @WithDefault("60s")
        Duration window();

        /**
         * How long a caller that was told to wait keeps its reserved place after the wait ends. A permit
         * handed out this late still counts as used at the reserved time, so the plan subtracts this span
         * from the refill rate (see the README's quota section).
         */
        @WithDefault("500ms")
        Duration redeemWindow();

        /**
         * {@code QUOTA_CALL_DELAY_MAX}: the longest a call may take from its permit to Google (a GC pause, a
         * connection set up, a queue in the HTTP client). The plan takes it off the refill rate, so that calls
         * arriving this late still fit the quota (see the README's quota section).
         */
        @WithDefault("1s")
        Duration callDelayMax();

        /** Prefix of the bucket's Redis keys (tests use their own, beside a running local stack). */
        @WithDefault("quota:")
        String keyPrefix();
    }

    /**
     * Secrets at rest. The API keys ({@code SERVICE_API_KEY}, {@code ADMIN_API_KEY}) are service-support's
     * {@code api-keys.*} roles, set in application.properties.
     */
    interface Security {
        /** {@code TOKEN_ENCRYPTION_KEY}: base64 of a 256-bit AES key; encrypts every new secret. */
        String encryptionKey();

        /**
         * {@code TOKEN_ENCRYPTION_PREVIOUS_KEYS}: earlier keys (comma-separated base64), still read so that
         * secrets written under them decrypt after a rotation; each is rewritten under the current key when next saved.
         */
        Optional<List<String>> previousEncryptionKeys();
    }

    interface Google {
        /**
         * {@code GOOGLE_API_BASE_URL}: one host for every Google endpoint (the emulator). Empty means Google's
         * own hosts: accounts.google.com for the consent page, oauth2.googleapis.com for token, tokeninfo and revoke.
         */
        Optional<String> apiBaseUrl();
    }

    interface Credentials {
        /**
         * How long a submitted token's expiry is remembered after the token itself is forgotten (it is kept
         * exactly its lifetime), so that a job's later permits answer {@code credential-expired}, not
         * {@code credential-unknown}: as long as the stage topics keep a job's records.
         */
        @WithDefault("7d")
        Duration expiryMemory();
    }

    interface OAuth {
        /** How long an authorization request's {@code state} may wait for its callback. */
        @WithDefault("10m")
        Duration stateLifetime();

        /** A managed access token expiring within this span is refreshed before it is handed out. */
        @WithDefault("5m")
        Duration refreshBefore();

        /** The scope asked for: Business Profile's only scope. */
        @WithDefault("https://www.googleapis.com/auth/business.manage")
        String scope();
    }
}
