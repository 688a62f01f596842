package io.reviewfetcher.failures;

import io.reviewfetcher.events.Failure;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retryable or permanent is decided by the failure's type, wherever it sits in the cause chain. */
class FailuresTest {

    @Test
    void googleQuotaAndServerErrorsAreRetryableWithTheDelayGoogleAskedFor() {
        Failure quota = Failures.classify(2, new GoogleApiException(429, "RESOURCE_EXHAUSTED", null, "quota", 53_000L));
        assertTrue(quota.retryable());
        assertEquals(429, quota.httpStatus());
        assertEquals(53_000L, quota.retryAfterMs());
        assertEquals(2, quota.attempt());
        assertTrue(Failures.classify(0, new GoogleApiException(503, "UNAVAILABLE", null, "later", null)).retryable());
        assertTrue(Failures.classify(0, new GoogleApiException(408, "DEADLINE_EXCEEDED", null, "slow", null)).retryable());
    }

    /**
     * A delay past the contract's bounds would make a retry request that cannot be built (the stage would fail
     * instead of routing the failure): what a server asks beyond a day is cut to a day, and a negative one to none.
     */
    @Test
    void theDelayAskedForIsCutToTheContractsBounds() {
        assertEquals(Failure.MAX_RETRY_AFTER_MS, Failures.classify(0,
                new GoogleApiException(429, "RESOURCE_EXHAUSTED", null, "quota", Long.MAX_VALUE)).retryAfterMs());
        assertEquals(0L, Failures.classify(0, new GoogleApiException(503, "UNAVAILABLE", null, "later", -5_000L)).retryAfterMs());
        assertEquals(Failure.MAX_RETRY_AFTER_MS, Failures.classify(0,
                new GoogleApiException(429, "RESOURCE_EXHAUSTED", null, "quota", Failure.MAX_RETRY_AFTER_MS)).retryAfterMs());
    }

    @Test
    void googleClientErrorsArePermanent() {
        for (int status : new int[] {400, 401, 403, 404}) {
            assertFalse(Failures.classify(0, new GoogleApiException(status, "X", null, "no", null)).retryable(), "HTTP " + status);
        }
    }

    @Test
    void tokenServiceOutageIsRetryableAndARejectedCredentialIsNot() {
        assertTrue(Failures.classify(0, new TokenServiceUnavailable(503, "503")).retryable());
        Failure rejected = Failures.classify(0, new CredentialRejected(404, "not-found"));
        assertFalse(rejected.retryable());
        assertEquals(404, rejected.httpStatus());
    }

    /**
     * A job's submitted access token lives an hour at most; what is left of the job when it expires cannot succeed
     * by retrying. The reason tells the submitter what to do, and it is the same words for every task it stops.
     */
    @Test
    void anExpiredSubmittedTokenIsPermanentAndItsReasonSaysWhatToDo() {
        Failure expired = Failures.classify(3, new CredentialRejected(401, "credential-expired"));
        assertFalse(expired.retryable());
        assertEquals(401, expired.httpStatus());
        assertEquals("access token expired: resubmit with a fresh token or use a managed client", expired.reason());
        assertEquals(expired.reason(), Failures.classify(0, new CredentialRejected(401, "credential-expired")).reason());
    }

    /** A client whose OAuth credentials Google refuses is an operator's to fix: the reason says so, and it is permanent. */
    @Test
    void aMisconfiguredClientIsPermanentAndItsReasonSaysWhoMustAct() {
        Failure misconfigured = Failures.classify(0, new CredentialRejected(401, "client-misconfigured"));
        assertFalse(misconfigured.retryable());
        assertEquals(401, misconfigured.httpStatus());
        assertEquals("client misconfigured: Google refuses the OAuth client's id or secret; an operator must correct "
                + "the client in token-service", misconfigured.reason());
    }

    /** A wrong or rotated SERVICE_API_KEY stops every task alike: an outage to wait out, not a verdict on the task. */
    @Test
    void ourOwnKeyRefusedIsAnOutageNotAPermanentFailure() {
        Failure refused = Failures.classify(0, new ProcessingException(new ServiceKeyRefused()));
        assertTrue(refused.retryable(), "a refused service key must not dead-letter the task at once");
        assertEquals(401, refused.httpStatus());
        assertTrue(new ServiceKeyRefused().retryable());
    }

    @Test
    void knownFailuresAreFoundInsideWrappers() {
        Failure wrapped = Failures.classify(0, new ProcessingException(new CredentialRejected(401, "unknown-credential")));
        assertFalse(wrapped.retryable());
    }

    @Test
    void timeoutsAndBrokenConnectionsAreRetryableByType() {
        Failure timeout = Failures.classify(0, new ProcessingException(new NoStackTraceTimeoutException("30000ms exceeded")));
        assertTrue(timeout.retryable());
        assertTrue(timeout.reason().startsWith("timeout:"), timeout.reason());
        assertNull(timeout.httpStatus());
        for (Throwable broken : new Throwable[] {new ConnectException("refused"), new UnknownHostException("x"),
                new HttpClosedException("closed")}) {
            Failure failure = Failures.classify(0, new ProcessingException(broken));
            assertTrue(failure.retryable());
            assertTrue(failure.reason().startsWith("connection failed:"), failure.reason());
        }
    }

    @Test
    void somethingUnexpectedIsRetriedAndNamedByTypeOnlyNeverByItsMessage() {
        Failure unexpected = Failures.classify(0, new IllegalStateException("Bearer ya29.secret"));
        assertTrue(unexpected.retryable());
        assertEquals("unexpected: java.lang.IllegalStateException", unexpected.reason());
    }
}
