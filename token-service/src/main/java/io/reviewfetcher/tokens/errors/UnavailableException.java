package io.reviewfetcher.tokens.errors;

/**
 * A dependency (PostgreSQL, Redis, Google) did not answer or failed for a passing reason: nothing was
 * decided, the caller may try again shortly. The detail names the dependency, never a value.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String detail) {
        super(detail, null, false, false);
    }
}
