package io.reviewfetcher.support.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GOOGLE_API_BASE_URL} set to nothing is unset, as it is for token-service's optional setting: a
 * worker's REST client URL, {@code ${GOOGLE_API_BASE_URL:https://…}}, falls back to Google's host instead of
 * becoming empty. Built the way Quarkus builds its config: default interceptors plus those the ServiceLoader
 * finds, so the registration file is under test too.
 */
class EmptyAsUnsetTest {
    private static final Map<String, String> APPLICATION = Map.of(
            "client.url", "${GOOGLE_API_BASE_URL:https://mybusiness.googleapis.com}",
            "oauth.base-url", "${GOOGLE_API_BASE_URL:}",
            "push.jwks-url", "${GOOGLE_PUSH_JWKS_URL:${GOOGLE_API_BASE_URL:https://www.googleapis.com}/oauth2/v3/certs}",
            "other", "${OTHER_VARIABLE:fallback}");

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredInterceptors()
                .withSources(new PropertiesConfigSource(APPLICATION, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .build();
    }

    @Test
    void anEmptyBaseUrlIsGooglesHostForTheRestClientsAndUnsetForTokenService() {
        SmallRyeConfig config = config(Map.of("GOOGLE_API_BASE_URL", ""));
        assertEquals(Optional.of("https://mybusiness.googleapis.com"), config.getOptionalValue("client.url", String.class));
        assertEquals(Optional.empty(), config.getOptionalValue("oauth.base-url", String.class));
        assertEquals(Optional.empty(), config.getOptionalValue("GOOGLE_API_BASE_URL", String.class));
    }

    @Test
    void blanksCountAsEmpty() {
        SmallRyeConfig config = config(Map.of("GOOGLE_API_BASE_URL", "  "));
        assertEquals("https://mybusiness.googleapis.com", config.getValue("client.url", String.class));
    }

    @Test
    void aSetBaseUrlIsEveryEndpointsHost() {
        SmallRyeConfig config = config(Map.of("GOOGLE_API_BASE_URL", "http://127.0.0.1:8089"));
        assertEquals("http://127.0.0.1:8089", config.getValue("client.url", String.class));
        assertEquals("http://127.0.0.1:8089", config.getValue("oauth.base-url", String.class));
    }

    /** ingress-api's JWKS of Google's push tokens: its own variable, else the base URL's, else Google's; empty is unset at both levels. */
    @Test
    void anEmptyJwksUrlFallsBackToTheBaseUrlThenToGoogle() {
        assertEquals("https://www.googleapis.com/oauth2/v3/certs",
                config(Map.of("GOOGLE_PUSH_JWKS_URL", "", "GOOGLE_API_BASE_URL", "")).getValue("push.jwks-url", String.class));
        assertEquals("http://127.0.0.1:8089/oauth2/v3/certs",
                config(Map.of("GOOGLE_PUSH_JWKS_URL", " ", "GOOGLE_API_BASE_URL", "http://127.0.0.1:8089")).getValue("push.jwks-url", String.class));
        assertEquals("http://keys.test/certs",
                config(Map.of("GOOGLE_PUSH_JWKS_URL", "http://keys.test/certs", "GOOGLE_API_BASE_URL", "http://127.0.0.1:8089"))
                        .getValue("push.jwks-url", String.class));
    }

    @Test
    void otherVariablesKeepTheirEmptyValue() {
        // Only the variables named: an empty value elsewhere may be meant (an empty list of previous keys, say).
        SmallRyeConfig config = config(Map.of("OTHER_VARIABLE", ""));
        assertEquals(Optional.empty(), config.getOptionalValue("other", String.class), "empty, not the fallback");
    }
}
