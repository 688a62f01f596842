package io.reviewfetcher.google;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The four REST clients' URLs as this module's META-INF/microprofile-config.properties gives them, read the way
 * Quarkus reads them (the discovered interceptors included): {@code GOOGLE_API_BASE_URL} set but empty means
 * Google's hosts, as it does for token-service, not clients without a URL.
 */
class GoogleBaseUrlTest {

    private static SmallRyeConfig config(String baseUrl) {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredInterceptors()
                .addDefaultSources()
                // Above the real environment and system properties, so the machine's own setting does not matter.
                .withSources(new PropertiesConfigSource(Map.of("GOOGLE_API_BASE_URL", baseUrl), "test environment", 500))
                .build();
    }

    private static String url(SmallRyeConfig config, String client) {
        return config.getOptionalValue("quarkus.rest-client." + client + ".url", String.class).orElse("(none)");
    }

    @Test
    void anEmptyBaseUrlMeansGooglesHosts() {
        SmallRyeConfig config = config("");
        assertEquals("https://mybusinessaccountmanagement.googleapis.com", url(config, "google-accounts"));
        assertEquals("https://mybusinessbusinessinformation.googleapis.com", url(config, "google-locations"));
        assertEquals("https://mybusiness.googleapis.com", url(config, "google-reviews"));
        assertEquals("https://mybusinessnotifications.googleapis.com", url(config, "google-notifications"));
    }

    @Test
    void aBaseUrlIsEveryClientsHost() {
        SmallRyeConfig config = config("http://127.0.0.1:8089");
        assertEquals("http://127.0.0.1:8089", url(config, "google-accounts"));
        assertEquals("http://127.0.0.1:8089", url(config, "google-locations"));
        assertEquals("http://127.0.0.1:8089", url(config, "google-reviews"));
        assertEquals("http://127.0.0.1:8089", url(config, "google-notifications"));
    }
}
