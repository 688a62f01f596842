package io.reviewfetcher.ingress.push;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Google's review notifications, pushed by a Pub/Sub push subscription to {@code POST /api/v1/google/notifications}: which
 * tokens are the subscription's. The endpoint is off (503) until both {@link #audience()} and {@link #serviceAccount()}
 * are set. Env names in application.properties and the README.
 */
@ConfigMapping(prefix = "ingress.google-push")
public interface GooglePushConfig {

    /** {@code GOOGLE_PUSH_AUDIENCE}: the audience set on the push subscription, which its tokens carry in {@code aud}. */
    Optional<String> audience();

    /**
     * {@code GOOGLE_PUSH_SERVICE_ACCOUNT}: the service account the push subscription signs its tokens as ({@code email}).
     * Any Google account can have Google sign a token for any audience, so this is what makes a token the subscription's.
     */
    Optional<String> serviceAccount();

    /** {@code GOOGLE_PUSH_JWKS_URL}: Google's signing keys (a JWK set), fetched and cached by smallrye-jwt. */
    String jwksUrl();

    /**
     * How long a published message is remembered, so that a redelivery of it is answered without publishing it again:
     * 7 days, Pub/Sub's longest message retention, after which it redelivers nothing.
     */
    @WithDefault("7d")
    Duration rememberPublished();
}
