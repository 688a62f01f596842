package io.reviewfetcher.failures;

/** token-service, or its Redis or database, cannot answer now (5xx, unreachable, too slow): retryable. */
public class TokenServiceUnavailable extends TaskFailure {
    public TokenServiceUnavailable(Integer httpStatus, String why) {
        super("token-service unavailable (" + why + ")", true, httpStatus, null);
    }
}
