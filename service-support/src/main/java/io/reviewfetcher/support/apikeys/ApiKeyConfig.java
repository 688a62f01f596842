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
    /**
     * ingress-api's caller keys ({@code INGRESS_API_KEYS}), each entry a key and the clients it is valid for
     * ({@code <key>=<client_id>|<client_id>} or {@code <key>=*}). Read and checked by ingress-api's {@code CallerKeys},
     * not by {@link ApiKeys}: a role here is valid for everything it opens.
     */
    Optional<List<String>> caller();

    /** token-service's {@code POST /api/v1/permits}: the workers' keys. */
    Optional<List<String>> permits();

    /** token-service's {@code POST /api/v1/credentials}: ingress-api's keys. */
    Optional<List<String>> credentials();

    Optional<List<String>> admin();
}
