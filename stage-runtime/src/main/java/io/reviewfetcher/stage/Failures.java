package io.reviewfetcher.stage;

import io.reviewfetcher.events.Failure;
import io.reviewfetcher.google.GoogleApiException;
import io.reviewfetcher.permits.PermitErrorMapper;

import java.net.ConnectException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Which failures are worth another try. Transient: Google 429/5xx, timeouts, connection trouble,
 * token-service down. Permanent: Google 400/401/403/404 and a credential token-service rejects.
 * Anything unexpected is retried, so retry-service bounds it and dead-letters it in the end.
 */
public final class Failures {
    private Failures() {
    }

    public static Failure classify(int attempt, Throwable error) {
        Throwable cause = unwrap(error);
        Instant now = Instant.now();
        if (cause instanceof GoogleApiException google) {
            return new Failure(attempt, now, google.httpStatus(), google.getMessage(), google.retryable(), google.retryAfterMs());
        }
        if (cause instanceof PermitErrorMapper.CredentialRejected rejected) {
            return new Failure(attempt, now, rejected.httpStatus(), rejected.getMessage(), false, null);
        }
        if (cause instanceof PermitErrorMapper.TokenServiceUnavailable down) {
            return new Failure(attempt, now, down.httpStatus(), down.getMessage(), true, null);
        }
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return new Failure(attempt, now, null, "timeout: " + cause.getClass().getSimpleName(), true, null);
        }
        if (cause instanceof ConnectException || cause.getClass().getSimpleName().contains("Connect")) {
            return new Failure(attempt, now, null, "connection failed: " + cause.getClass().getSimpleName(), true, null);
        }
        // Only the type: an unknown exception's message is not known to be free of secrets.
        return new Failure(attempt, now, null, "unexpected: " + cause.getClass().getName(), true, null);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
