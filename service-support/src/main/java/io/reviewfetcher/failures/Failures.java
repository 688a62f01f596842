package io.reviewfetcher.failures;

import io.reviewfetcher.events.Failure;
import io.vertx.core.http.HttpClosedException;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * The one place that decides whether a failed task is worth another try, from the failure's type. Our own
 * failures ({@link TaskFailure}) say it themselves; a timeout or a broken connection is transient;
 * anything unexpected is retried too, so retry-service bounds it and dead-letters it in the end.
 */
public final class Failures {
    private Failures() {
    }

    public static Failure classify(int attempt, Throwable error) {
        Instant now = Instant.now();
        TaskFailure known = find(error, TaskFailure.class);
        if (known != null) {
            return new Failure(attempt, now, known.httpStatus(), known.getMessage(), known.retryable(), delay(known.retryAfterMs()));
        }
        TimeoutException timeout = find(error, TimeoutException.class);
        if (timeout != null) {
            return new Failure(attempt, now, null, "timeout: " + timeout.getClass().getSimpleName(), true, null);
        }
        Throwable connection = find(error, IOException.class);
        if (connection == null) {
            connection = find(error, HttpClosedException.class);
        }
        if (connection != null) {
            return new Failure(attempt, now, null, "connection failed: " + connection.getClass().getSimpleName(), true, null);
        }
        // Only the type: an unknown exception's message is not known to be free of secrets.
        return new Failure(attempt, now, null, "unexpected: " + innermost(error).getClass().getName(), true, null);
    }

    /**
     * The delay asked for, within the contract's bounds: a server may ask for anything (a Retry-After of years,
     * a negative one), and a failure the contract refuses could not be routed at all.
     */
    private static Long delay(Long askedMs) {
        return askedMs == null ? null : Math.max(0, Math.min(askedMs, Failure.MAX_RETRY_AFTER_MS));
    }

    /** The first cause of the given type in the chain, or null. */
    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
