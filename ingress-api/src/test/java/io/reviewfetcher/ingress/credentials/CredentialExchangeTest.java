package io.reviewfetcher.ingress.credentials;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import io.reviewfetcher.ingress.support.TokenServiceFakes;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * How token-service's answers (as token-service-client reports them) become the exchange's outcome: Google
 * refusing the token is the submitter's {@link AccessTokenRejected}; token-service refusing our key, failing,
 * answering nonsense or not answering is {@link CredentialUnavailable} with Retry-After; no key at all is
 * {@link CredentialUnavailable} without one, and nothing is sent.
 */
class CredentialExchangeTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

    /** token-service-client's facade, answering what the test says (the fault tolerance around it is the client's). */
    private static TokenService tokenService(String key, Supplier<Uni<TokenServiceApi.CredentialResponse>> answer) {
        return new TokenService(null, TokenServiceFakes.config(key), new ServiceKeyStatus(new SimpleMeterRegistry())) {
            @Override
            public Uni<TokenServiceApi.CredentialResponse> keepCredential(String accessToken) {
                return answer.get();
            }
        };
    }

    private static Throwable refusal(Throwable tokenServiceFailure) {
        CredentialExchange exchange = new CredentialExchange(tokenService("service-key", () -> Uni.createFrom().failure(tokenServiceFailure)), RETRY_AFTER);
        return failureOf(exchange);
    }

    private static Throwable failureOf(CredentialExchange exchange) {
        CompletionException thrown = assertThrows(CompletionException.class,
                () -> exchange.keep("ya29.token").subscribeAsCompletionStage().join());
        return thrown.getCause();
    }

    private static void assertUnavailable(Throwable refusal, CredentialUnavailable.Reason reason) {
        CredentialUnavailable unavailable = assertInstanceOf(CredentialUnavailable.class, refusal);
        assertEquals(reason, unavailable.reason());
        assertEquals(RETRY_AFTER, unavailable.retryAfter());
    }

    @Test
    void aReferenceAndWhenItsTokenExpiresAreTheAnswer() {
        CredentialExchange exchange = new CredentialExchange(tokenService("service-key", () -> Uni.createFrom().item(
                new TokenServiceApi.CredentialResponse("cred:0123456789abcdef0123", "2030-01-01T00:42:00Z"))), RETRY_AFTER);

        KeptCredential kept = exchange.keep("ya29.token").await().atMost(Duration.ofSeconds(5));

        assertEquals("cred:0123456789abcdef0123", kept.reference());
        assertEquals(Instant.parse("2030-01-01T00:42:00Z"), kept.expiresAt());
    }

    /** The expiry only informs the submitter: an answer without a readable one still keeps the job. */
    @Test
    void anAnswerWithoutAReadableExpiryStillGivesTheReference() {
        for (String expiresAt : new String[]{null, "tomorrow"}) {
            CredentialExchange exchange = new CredentialExchange(tokenService("service-key", () -> Uni.createFrom().item(
                    new TokenServiceApi.CredentialResponse("cred:0123456789abcdef0123", expiresAt))), RETRY_AFTER);

            KeptCredential kept = exchange.keep("ya29.token").await().atMost(Duration.ofSeconds(5));

            assertEquals("cred:0123456789abcdef0123", kept.reference());
            assertNull(kept.expiresAt());
        }
    }

    @Test
    void googleRefusingTheTokenIsTheSubmitters() {
        assertInstanceOf(AccessTokenRejected.class, refusal(new CredentialRejected(401, "invalid-access-token")));
        assertInstanceOf(AccessTokenRejected.class, refusal(new CredentialRejected(401, "insufficient-scope")));
        assertInstanceOf(AccessTokenRejected.class, refusal(new CredentialRejected(400, "invalid-request")));
    }

    @Test
    void tokenServiceRefusingOurKeyOrFailingIsUnavailable() {
        assertUnavailable(refusal(new ServiceKeyRefused()), CredentialUnavailable.Reason.REFUSED_OR_FAILED);
        assertUnavailable(refusal(new CredentialRejected(403, "forbidden")), CredentialUnavailable.Reason.REFUSED_OR_FAILED);
        assertUnavailable(refusal(new CredentialRejected(404, "not-found")), CredentialUnavailable.Reason.REFUSED_OR_FAILED);
        assertUnavailable(refusal(new CredentialRejected(400, "unauthorized")), CredentialUnavailable.Reason.REFUSED_OR_FAILED);
        assertUnavailable(refusal(new TokenServiceUnavailable(500, "500")), CredentialUnavailable.Reason.REFUSED_OR_FAILED);
    }

    @Test
    void noAnswerIsUnreachable() {
        assertUnavailable(refusal(new TokenServiceUnavailable(null, "ConnectException")), CredentialUnavailable.Reason.UNREACHABLE);
        assertUnavailable(refusal(new TimeoutException()), CredentialUnavailable.Reason.UNREACHABLE);
        assertUnavailable(refusal(new CircuitBreakerOpenException()), CredentialUnavailable.Reason.UNREACHABLE);
        assertUnavailable(refusal(new ConnectException()), CredentialUnavailable.Reason.UNREACHABLE);
    }

    @Test
    void anAnswerWithoutAReferenceIsUnusable() {
        for (String credential : new String[]{null, "ya29.not-a-reference", "client:acme", "cred:short"}) {
            CredentialExchange exchange = new CredentialExchange(tokenService("service-key",
                    () -> Uni.createFrom().item(new TokenServiceApi.CredentialResponse(credential, "2030-01-01T00:00:00Z"))), RETRY_AFTER);
            assertUnavailable(failureOf(exchange), CredentialUnavailable.Reason.UNUSABLE_ANSWER);
        }
        CredentialExchange noBody = new CredentialExchange(tokenService("service-key", () -> Uni.createFrom().nullItem()), RETRY_AFTER);
        assertUnavailable(failureOf(noBody), CredentialUnavailable.Reason.UNUSABLE_ANSWER);
    }

    @Test
    void withoutAServiceKeyNothingIsSentAndWaitingDoesNotHelp() {
        CredentialExchange exchange = new CredentialExchange(tokenService(" ", () -> {
            throw new AssertionError("token-service was called without a key");
        }), RETRY_AFTER);
        CredentialUnavailable unavailable = assertInstanceOf(CredentialUnavailable.class, failureOf(exchange));
        assertEquals(CredentialUnavailable.Reason.NOT_CONFIGURED, unavailable.reason());
        assertNull(unavailable.retryAfter());
    }
}
