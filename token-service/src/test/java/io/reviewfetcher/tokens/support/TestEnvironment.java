package io.reviewfetcher.tokens.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

/**
 * What every token-service test runs with: fresh random keys (nothing secret is committed, not even for
 * tests), its own Redis key prefix (so a running local stack is not disturbed) and a private emulator.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A worker's key: permits and credentials, as one shared SERVICE_API_KEY opens both. */
    public static final String SERVICE_KEY = randomHex(24);
    /** ingress-api's own key: credentials only. */
    public static final String INGRESS_KEY = randomHex(24);
    public static final String ADMIN_KEY = randomHex(24);
    public static final String ENCRYPTION_KEY = randomBase64(32);
    public static final String GOOGLE_CLIENT_ID = "987654321098-tokentest" + randomHex(4) + ".apps.googleusercontent.com";
    public static final String GOOGLE_CLIENT_SECRET = "GOCSPX-" + randomHex(12);
    public static final String QUOTA_PREFIX = "test:quota:" + UUID.randomUUID() + ":";

    private static volatile PrivateEmulator emulator;

    @Override
    public Map<String, String> start() {
        emulator = PrivateEmulator.start(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET);
        return Map.of(
                "api-keys.permits", SERVICE_KEY,
                "api-keys.credentials", SERVICE_KEY + "," + INGRESS_KEY,
                "api-keys.admin", ADMIN_KEY,
                "token-service.security.encryption-key", ENCRYPTION_KEY,
                "token-service.quota.key-prefix", QUOTA_PREFIX,
                // 600 per minute: a bucket of 6, so tests reach the empty bucket after a handful of permits.
                "token-service.quota.qpm", "600",
                "token-service.google.api-base-url", emulator.baseUrl());
    }

    @Override
    public void stop() {
        if (emulator != null) {
            emulator.stop();
        }
    }

    public static PrivateEmulator emulator() {
        return emulator;
    }

    public static String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    public static String randomBase64(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
