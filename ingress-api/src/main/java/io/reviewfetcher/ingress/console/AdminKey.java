package io.reviewfetcher.ingress.console;

import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The admin key the console presents to token-service, retry-service and the workers: this pod's first
 * {@code ADMIN_API_KEY} (during a rotation, list the key the others already take first).
 */
@ApplicationScoped
public class AdminKey {

    private final String key;

    public AdminKey(ApiKeyConfig keys) {
        this.key = keys.admin().orElse(java.util.List.of()).stream().map(String::trim).filter(k -> !k.isEmpty()).findFirst().orElse("");
    }

    String value() {
        return key;
    }

    @Override
    public String toString() {
        return "AdminKey[]";
    }
}
