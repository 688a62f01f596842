package io.reviewfetcher.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** What every stage needs from its configuration. */
@ConfigMapping(prefix = "stage")
public interface StageConfig {
    /** The key this service presents to token-service ({@code SERVICE_API_KEY}). */
    @WithName("service-api-key")
    String serviceApiKey();

    /** The operators' key for the admin paths ({@code ADMIN_API_KEY}). */
    @WithName("admin-api-key")
    String adminApiKey();
}
