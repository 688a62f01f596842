package io.reviewfetcher.support.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.util.Set;

/**
 * The variables named here count as unset when they are set to nothing ({@code GOOGLE_API_BASE_URL=} in an env file,
 * a blank Compose value). Without it {@code ${GOOGLE_API_BASE_URL:https://…}} kept the empty value and the workers'
 * REST clients had no URL, while token-service, whose setting is optional, took the same value for unset and went to
 * Google's hosts. Helm leaves empty values out already; this makes every other way of running agree with it.
 *
 * <p>Registered with the ServiceLoader, which Quarkus reads for every service that has service-support. Its
 * priority puts it under the expression interceptor, so it answers the lookup of the variable inside an expression.
 */
@Priority(Priorities.LIBRARY + 50)
public final class EmptyAsUnset implements ConfigSourceInterceptor {
    /**
     * Only these: elsewhere an empty value may be meant (no previous encryption keys, say). GOOGLE_PUSH_JWKS_URL, because
     * ingress-api's default for it is built from GOOGLE_API_BASE_URL, and an empty value must fall back to that default.
     */
    static final Set<String> NAMES = Set.of("GOOGLE_API_BASE_URL", "GOOGLE_PUSH_JWKS_URL");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null && NAMES.contains(name) && (value.getValue() == null || value.getValue().isBlank())) {
            return null;
        }
        return value;
    }
}
