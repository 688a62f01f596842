package io.reviewfetcher.tokens.web;

import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * token-service's key lists as its application.properties builds them from the environment: one shared
 * SERVICE_API_KEY still opens both service endpoints (the local stack, the contract), ingress-api's own key
 * opens only /api/v1/credentials, explicit lists replace the defaults, and every list takes old and new keys
 * of a rotation. No Quarkus: the real file, read by SmallRye Config as Quarkus reads it.
 */
class ApiKeyListsTest {
    private static final String SERVICE = "service-key-0123456789abcdef";
    private static final String INGRESS = "ingress-key-0123456789abcdef";
    private static final String WORKER_OLD = "worker-old-0123456789abcdef";
    private static final String WORKER_NEW = "worker-new-0123456789abcdef";

    private static ApiKeys keysWith(Map<String, String> environment) throws IOException {
        Properties file = new Properties();
        try (InputStream in = ApiKeyListsTest.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors() // ${...} expressions, as in Quarkus
                .withSources(new PropertiesConfigSource(file, "application.properties", 250))
                .withSources(new PropertiesConfigSource(Map.copyOf(environment), "environment", 300))
                .withMapping(ApiKeyConfig.class)
                .build();
        return new ApiKeys(config.getConfigMapping(ApiKeyConfig.class));
    }

    @Test
    void oneSharedServiceKeyStillOpensBothServiceEndpoints() throws IOException {
        ApiKeys keys = keysWith(Map.of("SERVICE_API_KEY", SERVICE, "ADMIN_API_KEY", "admin-key-0123456789abcdef"));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, SERVICE));
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, SERVICE));
        assertFalse(keys.accepts(ApiKeyRole.ADMIN, SERVICE));
    }

    @Test
    void ingressApisOwnKeyOpensTheCredentialsOnly() throws IOException {
        ApiKeys keys = keysWith(Map.of("SERVICE_API_KEY", SERVICE, "INGRESS_SERVICE_API_KEY", INGRESS));
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, INGRESS));
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, INGRESS), "ingress-api's key must not get Google tokens");
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, SERVICE));
    }

    @Test
    void explicitListsReplaceTheDefaultsAndOverlapARotation() throws IOException {
        ApiKeys keys = keysWith(Map.of("SERVICE_API_KEY", SERVICE,
                "TOKEN_SERVICE_PERMIT_KEYS", WORKER_OLD + "," + WORKER_NEW,
                "TOKEN_SERVICE_CREDENTIAL_KEYS", INGRESS));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, WORKER_OLD));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, WORKER_NEW));
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, SERVICE), "the explicit list replaces SERVICE_API_KEY");
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, INGRESS));
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, INGRESS));
        assertFalse(keys.accepts(ApiKeyRole.CREDENTIALS, WORKER_OLD), "a worker key is not needed on credentials here");
    }

    @Test
    void explicitListsNeedNoSharedKeyAtAll() throws IOException {
        ApiKeys keys = keysWith(Map.of("TOKEN_SERVICE_PERMIT_KEYS", WORKER_NEW, "TOKEN_SERVICE_CREDENTIAL_KEYS", INGRESS));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, WORKER_NEW));
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, INGRESS));
    }

    @Test
    void aSharedKeyListedForARotationIsTwoKeys() throws IOException {
        ApiKeys keys = keysWith(Map.of("SERVICE_API_KEY", WORKER_OLD + "," + WORKER_NEW));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, WORKER_OLD));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, WORKER_NEW));
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, WORKER_NEW));
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, WORKER_OLD + "," + WORKER_NEW));
    }
}
