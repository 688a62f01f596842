package io.reviewfetcher.emulator.oauth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Access tokens that live 2 s, as the README suggests for tests of expiry handling. */
public class ShortLivedTokensProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("emulator.oauth.access-token-lifetime", "2s");
    }
}
