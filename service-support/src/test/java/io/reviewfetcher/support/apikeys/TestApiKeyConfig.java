package io.reviewfetcher.support.apikeys;

import java.util.List;
import java.util.Optional;

/** The keys of each role as a test sets them (null: the role has none), for the tests of every service (test-jar). */
public record TestApiKeyConfig(List<String> callerKeys, List<String> permitKeys, List<String> credentialKeys, List<String> adminKeys)
        implements ApiKeyConfig {

    /** Admin keys only. */
    public static TestApiKeyConfig admin(String... keys) {
        return new TestApiKeyConfig(null, null, null, List.of(keys));
    }

    @Override
    public Optional<List<String>> caller() {
        return Optional.ofNullable(callerKeys);
    }

    @Override
    public Optional<List<String>> permits() {
        return Optional.ofNullable(permitKeys);
    }

    @Override
    public Optional<List<String>> credentials() {
        return Optional.ofNullable(credentialKeys);
    }

    @Override
    public Optional<List<String>> admin() {
        return Optional.ofNullable(adminKeys);
    }
}
