package io.reviewfetcher.ingress.credentials;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import io.reviewfetcher.ingress.support.TokenServiceFakes;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * token-service's answer about a client (as token-service-client reports it) as the schedule API's: a registered client
 * passes, connected or not; an unknown one is 422 naming client_id; token-service failing, refusing our key or not
 * answering is 503 with Retry-After; no key at all is 503 without one, and nothing is asked.
 */
class RegisteredClientsTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    private final List<String> asked = new ArrayList<>();

    /** token-service-client's facade, answering what the test says (the fault tolerance around it is the client's). */
    private TokenService tokenService(String key, Supplier<Uni<Optional<TokenServiceApi.ClientConnection>>> answer) {
        return new TokenService(null, TokenServiceFakes.config(key), new ServiceKeyStatus(new SimpleMeterRegistry())) {
            @Override
            public Uni<Optional<TokenServiceApi.ClientConnection>> clientConnection(String clientId) {
                asked.add(clientId);
                return answer.get();
            }
        };
    }

    private RegisteredClients answering(Supplier<Uni<Optional<TokenServiceApi.ClientConnection>>> answer) {
        return new RegisteredClients(tokenService("service-key", answer), RETRY_AFTER);
    }

    private static Problem refusal(RegisteredClients clients, String clientId) {
        return assertThrows(ProblemException.class, () -> clients.requireRegistered(clientId).await().atMost(Duration.ofSeconds(5)))
                .problem();
    }

    private static ProblemException outage(RegisteredClients clients) {
        ProblemException thrown = assertThrows(ProblemException.class,
                () -> clients.requireRegistered("42").await().atMost(Duration.ofSeconds(5)));
        assertEquals(503, thrown.problem().status());
        assertFalse(thrown.problem().detail().contains("42"));
        return thrown;
    }

    @Test
    void aRegisteredClientPassesConnectedOrNot() {
        answering(() -> Uni.createFrom().item(Optional.of(new TokenServiceApi.ClientConnection("42", true))))
                .requireRegistered("42").await().atMost(Duration.ofSeconds(5));
        // Not connected yet: the business may complete the consent after the schedule; its runs fail until then.
        answering(() -> Uni.createFrom().item(Optional.of(new TokenServiceApi.ClientConnection("43", false))))
                .requireRegistered("43").await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of("42", "43"), asked);
    }

    @Test
    void anUnknownClientIs422NamingClientId() {
        Problem problem = refusal(answering(() -> Uni.createFrom().item(Optional.empty())), "acme-typo");

        assertEquals(422, problem.status());
        assertEquals("invalid-request", problem.slug());
        assertEquals("no client acme-typo is registered in token-service", problem.detail());
        assertEquals("client_id", problem.errors().get(0).field());
    }

    /** A client named in the path (its notifications): an unknown one is a resource that does not exist. */
    @Test
    void anUnknownClientInThePathIs404AndAKnownOnePasses() {
        ProblemException thrown = assertThrows(ProblemException.class, () -> answering(() -> Uni.createFrom().item(Optional.empty()))
                .requireExisting("acme-typo").await().atMost(Duration.ofSeconds(5)));
        assertEquals(404, thrown.problem().status());
        assertEquals("client-not-found", thrown.problem().slug());
        answering(() -> Uni.createFrom().item(Optional.of(new TokenServiceApi.ClientConnection("42", false))))
                .requireExisting("42").await().atMost(Duration.ofSeconds(5));
        assertEquals(List.of("acme-typo", "42"), asked);
    }

    @Test
    void tokenServiceFailingOrNotAnsweringIs503WithRetryAfter() {
        for (Throwable failure : List.of(new TokenServiceUnavailable(500, "500"), new TokenServiceUnavailable(null, "ConnectException"),
                new ServiceKeyRefused(), new CredentialRejected(403, "forbidden"), new CredentialRejected(400, "invalid-request"),
                new CircuitBreakerOpenException("open"), new IllegalStateException("boom"))) {
            ProblemException thrown = outage(answering(() -> Uni.createFrom().failure(failure)));
            assertEquals(RETRY_AFTER, thrown.retryAfter(), failure.toString());
        }
        // Even a failure thrown at the call, rather than in the Uni.
        outage(answering(() -> {
            throw new IllegalStateException("thrown at the call");
        }));
    }

    @Test
    void withoutAKeyNothingIsAskedAnd503HasNoRetryAfter() {
        RegisteredClients clients = new RegisteredClients(tokenService(null, () -> {
            throw new AssertionError("asked without a key");
        }), RETRY_AFTER);

        ProblemException thrown = outage(clients);

        assertNull(thrown.retryAfter(), "waiting does not help: a key must be configured");
        assertTrue(thrown.problem().detail().contains("INGRESS_SERVICE_API_KEY"));
        assertTrue(asked.isEmpty());
    }
}
