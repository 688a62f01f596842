package io.reviewfetcher.accounts;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * account-worker in front of {@link StubGoogle} (Google's accounts and notifications APIs, and token-service's permits),
 * with the real Redis. Its Kafka intake is off: a test works pages itself, and this worker must not take the jobs other
 * modules' tests leave on fetch-accounts and answer them with this Google.
 */
public class StubGoogleProfile implements QuarkusTestProfile {

    public static final String TOPIC = "projects/stub-project/topics/stub-reviews";

    @Override
    public Map<String, String> getConfigOverrides() {
        String url = StubGoogle.get().url();
        return Map.of(
                "quarkus.rest-client.token-service.url", url,
                "quarkus.rest-client.google-accounts.url", url,
                "quarkus.rest-client.google-notifications.url", url,
                "notifications.pubsub-topic", TOPIC,
                "mp.messaging.incoming.stage-in.enabled", "false");
    }
}
