package io.reviewfetcher.stage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** What every stage needs from its configuration. */
@ConfigMapping(prefix = "stage")
public interface StageConfig {
    /** The key this service presents to token-service ({@code SERVICE_API_KEY}). */
    @WithName("service-api-key")
    String serviceApiKey();

    /**
     * Who asks token-service for permits; the bucket is fair between callers. Defaults to this service
     * and its HTTP port, which tells pods on one host apart; Kubernetes pods use their name.
     */
    @WithName("caller-id")
    String callerId();

    /** The operators' key for the admin paths ({@code ADMIN_API_KEY}). */
    @WithName("admin-api-key")
    String adminApiKey();
}
