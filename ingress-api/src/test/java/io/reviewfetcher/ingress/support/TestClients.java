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
 * The made-up clients the @QuarkusTests make schedules for ({@link #KNOWN}), and those {@link #fresh()} makes up, count as
 * registered in token-service, which knows only the numbered clients an operator created (CI's token-service on
 * 127.0.0.1:8081 has none of these). Every other client is asked of the real token-service as in production, so
 * ScheduleApiTest and NotificationsApiTest see an unknown one refused.
 * Replaces {@link RegisteredClients} in every @QuarkusTest of this module. A singleton, not application scoped: a client
 * proxy would need a no-args constructor in its superclass.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClients extends RegisteredClients {

    public static final Set<String> KNOWN = Set.of("acme", "acme-reviews", "acme-list", "acme-scheduled", "globex");
    /** Clients made up for one test each ({@link #fresh()}), so that the Redis keys they name are the test's own. */
    private static final String FRESH_PREFIX = "known-";

    @Inject
    public TestClients(TokenService tokenService, IngressConfig config) {
        super(tokenService, config);
    }

    /** A registered client no other test names. */
    public static String fresh() {
        return FRESH_PREFIX + TestEnvironment.randomHex(6);
    }

    @Override
    public Uni<Boolean> registered(String clientId) {
        return KNOWN.contains(clientId) || clientId.startsWith(FRESH_PREFIX) ? Uni.createFrom().item(true) : super.registered(clientId);
    }
}
