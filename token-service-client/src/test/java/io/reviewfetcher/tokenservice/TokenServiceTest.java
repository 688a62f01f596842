package io.reviewfetcher.tokenservice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our own key refused by token-service is an outage: the permit call waits it out, each refusal is counted,
 * and the key's standing follows token-service's latest answer. (The fault tolerance itself runs only inside
 * Quarkus; here its policy is read from the annotations.)
 */
class TokenServiceTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ServiceKeyStatus keyStatus = new ServiceKeyStatus(metrics);
    private final Deque<Uni<?>> answers = new ArrayDeque<>();

    private final TokenServiceApi api = new TokenServiceApi() {
        @Override
        @SuppressWarnings("unchecked")
        public Uni<Permit> permit(String serviceKey, String callerId, PermitRequest request) {
            return (Uni<Permit>) answers.remove();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Uni<CredentialResponse> keepCredential(String serviceKey, CredentialRequest request) {
            return (Uni<CredentialResponse>) answers.remove();
        }

        @Override
        @SuppressWarnings("unchecked")
        public Uni<ClientConnection> clientConnection(String serviceKey, String clientId) {
            return (Uni<ClientConnection>) answers.remove();
        }
    };

    private final TokenService tokenService = new TokenService(api, new TokenServiceClientConfig() {
        @Override
        public Optional<String> apiKey() {
            return Optional.of("worker-key-for-tests-0123456789");
        }

        @Override
        public String callerId() {
            return "token-service-test";
        }
    }, keyStatus);

    /** token-service's next answer fails as the client reports it, e.g. {@link ServiceKeyRefused} for a 401 {@code unauthorized}. */
    private void then(Exception failure) {
        answers.add(Uni.createFrom().failure(failure));
    }

    private Throwable permitFails() {
        return assertThrows(Throwable.class, () -> tokenService.permit("cred:abc", false).await().atMost(AWAIT));
    }

    private double refusals(String endpoint) {
        Counter counter = metrics.find("token.service.key.refused").tag("endpoint", endpoint).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void thePermitCallWaitsOutARefusedKeyAsItWaitsOutAnOutage() throws NoSuchMethodException {
        var permit = TokenService.class.getMethod("permit", String.class, boolean.class);
        List<Class<? extends Throwable>> retried = List.of(permit.getAnnotation(Retry.class).retryOn());
        assertTrue(retried.contains(ServiceKeyRefused.class), "retryOn " + retried);
        assertTrue(retried.contains(TokenServiceUnavailable.class), "retryOn " + retried);
        // A quick 401 is no sign of a struggling token-service: it must not open the breaker.
        assertTrue(List.of(permit.getAnnotation(CircuitBreaker.class).skipOn()).contains(ServiceKeyRefused.class));
    }

    @Test
    void aRefusedKeyIsCountedAndRememberedAndPassesThroughAsItself() {
        then(new ServiceKeyRefused());
        then(new ServiceKeyRefused());

        assertInstanceOf(ServiceKeyRefused.class, permitFails());
        assertInstanceOf(ServiceKeyRefused.class, permitFails());

        assertTrue(keyStatus.refusedSince().isPresent());
        assertEquals(2, refusals("permits"));
        assertEquals(0, refusals("credentials"));
    }

    @Test
    void anyAnswerPastTheKeyCheckClearsTheRefusal() {
        then(new ServiceKeyRefused());
        then(new QuotaWait(100));
        permitFails();
        assertInstanceOf(QuotaWait.class, permitFails());
        assertFalse(keyStatus.refusedSince().isPresent(), "an empty bucket means the key was taken");

        then(new ServiceKeyRefused());
        then(new CredentialRejected(404, "unknown-credential"));
        permitFails();
        permitFails();
        assertFalse(keyStatus.refusedSince().isPresent(), "a rejected credential means the key was taken");

        then(new ServiceKeyRefused());
        answers.add(Uni.createFrom().item(new TokenServiceApi.Permit("ya29.fresh", "2030-01-01T00:00:00Z")));
        permitFails();
        tokenService.permit("cred:abc", false).await().atMost(AWAIT);
        assertFalse(keyStatus.refusedSince().isPresent());
    }

    @Test
    void withoutAnAnswerTheLastVerdictStands() {
        then(new ServiceKeyRefused());
        then(new TokenServiceUnavailable(503, "503"));
        answers.add(Uni.createFrom().failure(new ConnectException("refused")));

        permitFails();
        assertInstanceOf(TokenServiceUnavailable.class, permitFails());
        assertInstanceOf(TokenServiceUnavailable.class, permitFails(), "no answer at all is token-service unavailable");

        assertTrue(keyStatus.refusedSince().isPresent(), "token-service did not say the key is fine now");
        assertEquals(1, refusals("permits"));
    }

    /** An unknown client is an answer (empty), told apart from token-service failing or not answering. */
    @Test
    void anUnknownClientIsEmptyAndAnOutageFails() {
        answers.add(Uni.createFrom().item(new TokenServiceApi.ClientConnection("42", true)));
        assertEquals(Optional.of(new TokenServiceApi.ClientConnection("42", true)),
                tokenService.clientConnection("42").await().atMost(AWAIT));

        then(new CredentialRejected(404, "not-found"));
        assertEquals(Optional.empty(), tokenService.clientConnection("43").await().atMost(AWAIT));

        then(new TokenServiceUnavailable(503, "503"));
        assertThrows(TokenServiceUnavailable.class, () -> tokenService.clientConnection("42").await().atMost(AWAIT));
        answers.add(Uni.createFrom().failure(new ConnectException("refused")));
        assertThrows(TokenServiceUnavailable.class, () -> tokenService.clientConnection("42").await().atMost(AWAIT),
                "no answer at all is token-service unavailable");
        then(new ServiceKeyRefused());
        assertThrows(ServiceKeyRefused.class, () -> tokenService.clientConnection("42").await().atMost(AWAIT));
        assertEquals(1, refusals("credentials"), "counted under the key's endpoint, as keepCredential");
    }

    @Test
    void theClientLookUpRetriesOnlyAnOutageAndA404LeavesTheBreakerAlone() throws NoSuchMethodException {
        var lookUp = TokenService.class.getMethod("clientConnection", String.class);
        assertEquals(List.of(TokenServiceUnavailable.class), List.of(lookUp.getAnnotation(Retry.class).retryOn()));
        assertTrue(List.of(lookUp.getAnnotation(CircuitBreaker.class).skipOn()).contains(ServiceKeyRefused.class));
    }

    @Test
    void ingressApisCredentialCallsCountUnderTheirOwnEndpoint() {
        then(new ServiceKeyRefused());
        assertThrows(ServiceKeyRefused.class, () -> tokenService.keepCredential("ya29.submitted").await().atMost(AWAIT));
        assertEquals(1, refusals("credentials"));
    }
}
