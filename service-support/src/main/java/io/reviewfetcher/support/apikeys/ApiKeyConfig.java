package io.reviewfetcher.support.apikeys;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The keys a service accepts, per role; each a list, so a rotation can run old and new keys side by side.
 * A service sets only the roles it serves, e.g. {@code api-keys.admin=${ADMIN_API_KEY:}}.
 */
@ConfigMapping(prefix = "api-keys")
public interface ApiKeyConfig {
    Optional<List<String>> caller();

    /** token-service's {@code POST /api/v1/permits}: the workers' keys. */
    Optional<List<String>> permits();

    /** token-service's {@code POST /api/v1/credentials}: ingress-api's keys. */
    Optional<List<String>> credentials();

    Optional<List<String>> admin();
}
