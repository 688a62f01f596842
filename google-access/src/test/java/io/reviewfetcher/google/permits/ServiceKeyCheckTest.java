package io.reviewfetcher.google.permits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.reviewfetcher.tokenservice.TokenServiceClientConfig;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A worker whose key token-service refuses: its tasks are retried, not dead-lettered, and it reports itself not
 * ready until token-service takes the key again. The permits go through the real gate and token-service-client.
 */
class ServiceKeyCheckTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);
    private static final String KEY = "worker-key-for-tests-0123456789";

    private final Deque<Uni<TokenServiceApi.Permit>> answers = new ArrayDeque<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ServiceKeyStatus keyStatus = new ServiceKeyStatus(metrics);
    private final ServiceKeyCheck check = new ServiceKeyCheck(keyStatus);
    private final PermitGate gate = new PermitGate(new TokenService(new TokenServiceApi() {
        @Override
        public Uni<Permit> permit(String serviceKey, String callerId, PermitRequest request) {
            return answers.remove();
        }

        @Override
        public Uni<CredentialResponse> keepCredential(String serviceKey, CredentialRequest request) {
            throw new UnsupportedOperationException("workers keep no credentials");
        }

        @Override
        public Uni<ClientConnection> clientConnection(String serviceKey, String clientId) {
            throw new UnsupportedOperationException("workers ask about no client");
        }
    }, new TokenServiceClientConfig() {
        @Override
        public Optional<String> apiKey() {
            return Optional.of(KEY);
        }

        @Override
        public String callerId() {
            return "service-key-check-test";
        }
    }, keyStatus), metrics);

    private Uni<String> google(String bearer) {
        return Uni.createFrom().item("page");
    }

    @Test
    void readyUntilTokenServiceRefusesTheKeyAndReadyAgainOnceItTakesIt() {
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "no answer yet: ready");

        answers.add(Uni.createFrom().failure(new ServiceKeyRefused()));
        Throwable failed = assertThrows(Throwable.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1", this::google)
                .await().atMost(AWAIT));
        assertTrue(Failures.classify(0, failed).retryable(), "to fetch-retry, not to fetch-dlq");

        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertEquals(ServiceKeyCheck.NAME, down.getName());
        assertTrue(down.getData().orElseThrow().containsKey("refused_since"));
        assertFalse(down.getData().orElseThrow().values().stream().anyMatch(value -> String.valueOf(value).contains(KEY)),
                "the key never appears in the health answer");
        assertEquals(1, metrics.find("token.service.key.refused").tag("endpoint", "permits").counter().count());

        // An empty bucket is an answer past the key check; the gate waits and the next permit is granted.
        answers.add(Uni.createFrom().failure(new QuotaWait(10)));
        answers.add(Uni.createFrom().item(new TokenServiceApi.Permit("ya29.t", "2030-01-01T00:00:00Z")));
        assertEquals("page", gate.callGoogle("reviews.list", "cred:abc", "job-1", this::google).await().atMost(AWAIT));
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        assertEquals(List.of(), List.copyOf(answers));
    }
}
