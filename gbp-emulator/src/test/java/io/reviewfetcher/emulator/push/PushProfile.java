package io.reviewfetcher.emulator.push;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Pushes to the test's {@link PushReceiver}, with Pub/Sub's retries compressed: 50 ms doubling to 400 ms, given up
 * 3 s after publishing, an attempt failed after 2 s without an answer.
 */
public class PushProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "emulator.push.endpoint", PushReceiver.get().url(),
                "emulator.push.min-backoff", "50ms",
                "emulator.push.max-backoff", "400ms",
                "emulator.push.retention", "3s",
                "emulator.push.ack-deadline", "2s");
    }
}
