package io.reviewfetcher.google.permits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.reviewfetcher.tokenservice.ServiceKeyStatus;
import io.reviewfetcher.tokenservice.TokenService;
import io.reviewfetcher.tokenservice.TokenServiceApi.Permit;
import io.reviewfetcher.tokenservice.TokenServiceClientConfig;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate against a scripted token-service: waiting on an empty bucket, one more permit after a 401, outages. */
class PermitGateTest {
    private static final Duration AWAIT = Duration.ofSeconds(5);

    /** token-service's answers in order; records whether each permit was asked with {@code token_rejected}. */
    static final class ScriptedTokenService extends TokenService {
        private final Deque<Supplier<Uni<Permit>>> answers = new ArrayDeque<>();
        final List<Boolean> askedWithTokenRejected = new ArrayList<>();

        ScriptedTokenService() {
            super(null, new TokenServiceClientConfig() {
                @Override
                public Optional<String> apiKey() {
                    return Optional.of("service-key-for-tests");
                }

                @Override
                public String callerId() {
                    return "permit-gate-test";
                }
            }, new ServiceKeyStatus(new SimpleMeterRegistry()));
        }

        ScriptedTokenService grants(String token) {
            answers.add(() -> Uni.createFrom().item(new Permit(token, "2026-11-22T00:00:00Z")));
            return this;
        }

        ScriptedTokenService fails(RuntimeException error) {
            answers.add(() -> Uni.createFrom().failure(error));
            return this;
        }

        @Override
        public Uni<Permit> permit(String credential, boolean previousTokenRejected) {
            askedWithTokenRejected.add(previousTokenRejected);
            Supplier<Uni<Permit>> next = answers.poll();
            return next == null ? Uni.createFrom().failure(new AssertionError("no more permits scripted")) : next.get();
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<String> googleSaw = new ArrayList<>();

    private Uni<String> google(String bearer, RuntimeException... answers) {
        int call = googleSaw.size();
        googleSaw.add(bearer);
        return call < answers.length && answers[call] != null ? Uni.createFrom().failure(answers[call])
                : Uni.createFrom().item("page for " + bearer);
    }

    private static GoogleApiException google401() {
        return new GoogleApiException(401, "UNAUTHENTICATED", null, "token expired", null);
    }

    private double calls(String status) {
        var timer = metrics.find("google.api.calls").tag("endpoint", "reviews.list").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void anEmptyBucketIsWaitedOutAndAskedAgain() {
        ScriptedTokenService tokens = new ScriptedTokenService().fails(new QuotaWait(150)).fails(new QuotaWait(100)).grants("t1");
        PermitGate gate = new PermitGate(tokens, metrics);

        long started = System.nanoTime();
        String page = gate.callGoogle("reviews.list", "cred:abc", "job-1", bearer -> google(bearer)).await().atMost(AWAIT);
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertEquals("page for Bearer t1", page);
        assertTrue(tookMs >= 250, "waited what token-service asked for, took " + tookMs + " ms");
        assertEquals(List.of(false, false, false), tokens.askedWithTokenRejected);
        assertEquals(List.of("Bearer t1"), googleSaw, "Google is called once, after the permit");
        assertEquals(1, metrics.find("stage.permit.wait").timer().count());
        assertTrue(metrics.find("stage.permit.wait").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) >= 250);
        assertEquals(1, calls("200"));
    }

    @Test
    void aGoogle401EarnsExactlyOneMorePermitAskedWithTokenRejected() {
        ScriptedTokenService tokens = new ScriptedTokenService().grants("expired").grants("fresh");
        PermitGate gate = new PermitGate(tokens, metrics);

        String page = gate.callGoogle("reviews.list", "cred:abc", "job-1", bearer -> google(bearer, google401()))
                .await().atMost(AWAIT);

        assertEquals("page for Bearer fresh", page);
        assertEquals(List.of(false, true), tokens.askedWithTokenRejected);
        assertEquals(1, calls("401"));
        assertEquals(1, calls("200"));
    }

    @Test
    void tokenRejectedIsSentOnceEvenWhenItsAskIsAnsweredWithAWait() {
        // token-service refreshes (or asks tokeninfo) on the flagged ask, then answers 429: the re-ask after the
        // wait must not send the flag again, or each 429 of a busy quota costs another refresh or tokeninfo call.
        ScriptedTokenService tokens = new ScriptedTokenService().grants("expired")
                .fails(new QuotaWait(50)).fails(new QuotaWait(50)).grants("fresh");
        PermitGate gate = new PermitGate(tokens, metrics);

        String page = gate.callGoogle("reviews.list", "cred:abc", "job-1", bearer -> google(bearer, google401()))
                .await().atMost(AWAIT);

        assertEquals("page for Bearer fresh", page);
        assertEquals(List.of(false, true, false, false), tokens.askedWithTokenRejected);
    }

    @Test
    void aSecond401IsTheTasksFailureNotAThirdPermit() {
        ScriptedTokenService tokens = new ScriptedTokenService().grants("expired").grants("revoked").grants("never");
        PermitGate gate = new PermitGate(tokens, metrics);

        GoogleApiException failed = assertThrows(GoogleApiException.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1",
                bearer -> google(bearer, google401(), google401())).await().atMost(AWAIT));

        assertEquals(401, failed.httpStatus());
        assertEquals(List.of(false, true), tokens.askedWithTokenRejected);
        assertFalse(Failures.classify(0, failed).retryable(), "a token Google keeps refusing is permanent");
        assertEquals(2, calls("401"));
    }

    @Test
    void otherGoogleErrorsAreNotRetriedHere() {
        ScriptedTokenService tokens = new ScriptedTokenService().grants("t1").grants("unused");
        PermitGate gate = new PermitGate(tokens, metrics);

        GoogleApiException failed = assertThrows(GoogleApiException.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1",
                bearer -> google(bearer, new GoogleApiException(503, "UNAVAILABLE", null, "later", null))).await().atMost(AWAIT));

        assertEquals(503, failed.httpStatus());
        assertEquals(List.of(false), tokens.askedWithTokenRejected, "retries are retry-service's, through fetch-retry");
        assertEquals(1, calls("503"));
    }

    @Test
    void aFaultToleranceVerdictIsATokenServiceOutageAndGoogleIsNotCalled() {
        ScriptedTokenService tokens = new ScriptedTokenService().fails(new CircuitBreakerOpenException("open"));
        PermitGate gate = new PermitGate(tokens, metrics);

        Throwable failed = assertThrows(Throwable.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1", bearer -> google(bearer))
                .await().atMost(AWAIT));

        assertInstanceOf(TokenServiceUnavailable.class, failed);
        Failure routed = Failures.classify(0, failed);
        assertTrue(routed.retryable());
        assertEquals(List.of(), googleSaw);
    }

    @Test
    void aRejectedCredentialIsPermanentAndGoogleIsNotCalled() {
        ScriptedTokenService tokens = new ScriptedTokenService().fails(new CredentialRejected(404, "unknown-credential"));
        PermitGate gate = new PermitGate(tokens, metrics);

        Throwable failed = assertThrows(Throwable.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1", bearer -> google(bearer))
                .await().atMost(AWAIT));

        assertInstanceOf(CredentialRejected.class, failed);
        assertFalse(Failures.classify(0, failed).retryable());
        assertEquals(List.of(), googleSaw);
    }

    @Test
    void aCallWithoutAnAnswerIsCountedAsIoError() {
        ScriptedTokenService tokens = new ScriptedTokenService().grants("t1");
        PermitGate gate = new PermitGate(tokens, metrics);

        assertThrows(Throwable.class, () -> gate.callGoogle("reviews.list", "cred:abc", "job-1",
                bearer -> google(bearer, new IllegalStateException("connection reset"))).await().atMost(AWAIT));

        assertEquals(1, calls("io_error"));
    }
}
