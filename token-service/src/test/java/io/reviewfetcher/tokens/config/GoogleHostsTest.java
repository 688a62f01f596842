package io.reviewfetcher.tokens.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.reviewfetcher.tokens.oauth.GoogleOAuth;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where token-service sends the user's browser and its OAuth calls, as its application.properties resolves
 * {@code GOOGLE_API_BASE_URL} (read as Quarkus reads it, discovered interceptors included): set but empty is
 * unset in every profile, as it is for the workers' REST clients.
 */
class GoogleHostsTest {

    private static TokenServiceConfig config(String profile, String baseUrl) throws IOException {
        Properties file = new Properties();
        try (InputStream in = GoogleHostsTest.class.getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        Map<String, String> environment = new HashMap<>(Map.of("TOKEN_ENCRYPTION_KEY", "not-read-here",
                "TOKEN_DB_PASSWORD", "not-read-here"));
        environment.put("GOOGLE_API_BASE_URL", baseUrl);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .addDiscoveredInterceptors()
                .withSources(new PropertiesConfigSource(file, "application.properties", 250))
                // Above the machine's own environment and system properties.
                .withSources(new PropertiesConfigSource(environment, "test environment", 500))
                .withConverter(Duration.class, 200, new DurationConverter()) // "5m", as Quarkus reads it
                .withMapping(TokenServiceConfig.class)
                .build();
        return config.getConfigMapping(TokenServiceConfig.class);
    }

    @Test
    void anEmptyBaseUrlMeansGooglesOwnHosts() throws IOException {
        assertEquals("https://accounts.google.com/o/oauth2/v2/auth", GoogleOAuth.authorizationEndpoint(config("prod", "")));
        assertEquals("https://accounts.google.com/o/oauth2/v2/auth", GoogleOAuth.authorizationEndpoint(config("prod", " ")));
    }

    @Test
    void anEmptyBaseUrlIsUnsetWhereTheProfileHasAnotherDefault() throws IOException {
        // The test profile's default is the local emulator: an empty variable must not turn it into Google.
        assertEquals("http://127.0.0.1:8089/o/oauth2/v2/auth", GoogleOAuth.authorizationEndpoint(config("test", "")));
    }

    @Test
    void aBaseUrlIsEveryEndpointsHost() throws IOException {
        assertEquals("http://emulator:8089/o/oauth2/v2/auth",
                GoogleOAuth.authorizationEndpoint(config("prod", "http://emulator:8089/")));
    }
}
