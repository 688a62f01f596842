package io.reviewfetcher.ingress.support;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.credentials.RegisteredClients;
import io.reviewfetcher.tokenservice.TokenService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * The made-up clients the @QuarkusTests make schedules for ({@link #KNOWN}) count as registered in token-service, which
 * knows only the numbered clients an operator created (CI's token-service on 127.0.0.1:8081 has none of these). Every
 * other client is asked of the real token-service as in production, so ScheduleApiTest sees an unknown one refused.
 * Replaces {@link RegisteredClients} in every @QuarkusTest of this module. A singleton, not application scoped: a client
 * proxy would need a no-args constructor in its superclass.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClients extends RegisteredClients {

    public static final Set<String> KNOWN = Set.of("acme", "acme-reviews", "acme-list", "acme-scheduled", "globex");

    @Inject
    public TestClients(TokenService tokenService, IngressConfig config) {
        super(tokenService, config);
    }

    @Override
    public Uni<Void> requireRegistered(String clientId) {
        return KNOWN.contains(clientId) ? Uni.createFrom().voidItem() : super.requireRegistered(clientId);
    }
}
