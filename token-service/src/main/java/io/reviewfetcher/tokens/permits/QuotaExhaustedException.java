package io.reviewfetcher.tokens.permits;

/** The shared bucket is empty: a token is reserved for the caller and matures after {@link #waitMillis()}. */
public class QuotaExhaustedException extends RuntimeException {

    private final long waitMillis;

    public QuotaExhaustedException(long waitMillis) {
        super("quota exhausted, wait " + waitMillis + " ms", null, false, false);
        this.waitMillis = waitMillis;
    }

    public long waitMillis() {
        return waitMillis;
    }
}
