package io.reviewfetcher.emulator.oauth;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OAuth clients registered in the emulated Cloud project (from configuration). */
@ApplicationScoped
public class OAuthClients {

    /** One registered client. */
    public record Client(String id, String secret, List<String> redirectUris) {
    }

    private final Map<String, Client> byId = new HashMap<>();
    private final Client demo;

    public OAuthClients(EmulatorConfig config) {
        config.oauth().clients().forEach((name, c) ->
                byId.put(c.clientId(), new Client(c.clientId(), c.clientSecret(), List.copyOf(c.redirectUris()))));
        EmulatorConfig.Client demoConfig = config.oauth().clients().get(config.oauth().demoClient());
        if (demoConfig == null) {
            throw new IllegalStateException("emulator.oauth.demo-client names no configured client: "
                    + config.oauth().demoClient());
        }
        this.demo = byId.get(demoConfig.clientId());
    }

    public Optional<Client> find(String clientId) {
        return Optional.ofNullable(clientId == null ? null : byId.get(clientId));
    }

    public Client demo() {
        return demo;
    }
}
