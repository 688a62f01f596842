package io.reviewfetcher.tokens.quota;

/** Redis did not answer: no permit can be given (fail closed). */
public class QuotaUnavailableException extends RuntimeException {
    public QuotaUnavailableException(Throwable cause) {
        super("the quota store (Redis) is unavailable: " + cause.getClass().getSimpleName(), null, false, false);
    }
}
