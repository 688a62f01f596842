package io.reviewfetcher.ingress.push;

import java.time.Duration;
import java.util.Optional;

/** GooglePushConfig for unit tests. */
record TestPushConfig(Optional<String> audience, Optional<String> serviceAccount, String jwksUrl) implements GooglePushConfig {

    static TestPushConfig of(String audience, String serviceAccount, String jwksUrl) {
        return new TestPushConfig(Optional.ofNullable(audience), Optional.ofNullable(serviceAccount), jwksUrl);
    }

    @Override
    public Duration rememberPublished() {
        return Duration.ofDays(7);
    }
}
