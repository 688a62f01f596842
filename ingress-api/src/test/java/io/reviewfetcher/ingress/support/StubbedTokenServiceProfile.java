package io.reviewfetcher.ingress.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * ingress-api in front of a token-service the test controls ({@link StubTokenService}), with a bound of two
 * submissions in flight, so a test can hold two access-token submissions at token-service and see the third refused.
 */
public class StubbedTokenServiceProfile implements QuarkusTestProfile {

    public static final int MAX_IN_FLIGHT = 2;
    public static final String SERVICE_KEY = TestEnvironment.randomHex(24);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ingress.submissions.max-in-flight", Integer.toString(MAX_IN_FLIGHT),
                "ingress.submissions.retry-after", "2s",
                "token-service.api-key", SERVICE_KEY,
                "quarkus.rest-client.token-service.url", StubTokenService.get().url(),
                // Everything this service logs, down to debug, is checked for the token.
                "quarkus.log.category.\"io.reviewfetcher\".level", "DEBUG");
    }
}
