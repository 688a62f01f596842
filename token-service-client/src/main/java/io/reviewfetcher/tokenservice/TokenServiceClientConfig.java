package io.reviewfetcher.tokenservice;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How this service presents itself to token-service. */
@ConfigMapping(prefix = "token-service")
public interface TokenServiceClientConfig {
    /**
     * The key sent in {@code X-API-Key}: the workers' {@code SERVICE_API_KEY}, ingress-api's own
     * {@code INGRESS_SERVICE_API_KEY} (token-service takes each only where its holder needs it); without it,
     * no call is made.
     */
    Optional<String> apiKey();

    /**
     * Who asks for permits; the bucket is fair between callers. Defaults to this service and its HTTP port,
     * which tells pods on one host apart; Kubernetes pods use their name.
     */
    String callerId();
}
