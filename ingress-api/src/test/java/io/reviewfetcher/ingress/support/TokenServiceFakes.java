package io.reviewfetcher.ingress.support;

import io.reviewfetcher.tokenservice.TokenServiceClientConfig;

import java.util.Optional;

/** token-service-client's settings as tests give them to a {@code TokenService} they fake. */
public final class TokenServiceFakes {

    private TokenServiceFakes() {
    }

    /** @param key ingress-api's key for token-service; null when none is configured */
    public static TokenServiceClientConfig config(String key) {
        return new TokenServiceClientConfig() {
            @Override
            public Optional<String> apiKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public String callerId() {
                return "ingress-api-test";
            }
        };
    }
}
