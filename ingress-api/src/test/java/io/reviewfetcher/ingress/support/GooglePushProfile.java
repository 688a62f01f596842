package io.reviewfetcher.ingress.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * ingress-api with Google's review notifications on: our push subscription's audience and service account, and Google's
 * keys served by {@link GoogleKeys} on 127.0.0.1; token-service is the stub, so that a review-fetch on an access token runs
 * beside the pushes. Everything it logs, down to debug (the JWT library's too), is checked for the tokens.
 */
public class GooglePushProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ingress.google-push.audience", GoogleKeys.AUDIENCE,
                "ingress.google-push.service-account", GoogleKeys.SERVICE_ACCOUNT,
                "ingress.google-push.jwks-url", GoogleKeys.shared().jwksUrl(),
                "token-service.api-key", TestEnvironment.randomHex(24),
                "quarkus.rest-client.token-service.url", StubTokenService.get().url(),
                "quarkus.log.category.\"io.reviewfetcher\".level", "DEBUG",
                "quarkus.log.category.\"io.smallrye.jwt\".level", "DEBUG");
    }
}
