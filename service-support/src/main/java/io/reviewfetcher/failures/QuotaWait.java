package io.reviewfetcher.failures;

/**
 * token-service's quota bucket is empty: ask again after {@link #waitMs()}. Not a failure of the task —
 * the permit gate waits and asks again — so it never reaches the classifier.
 */
public class QuotaWait extends RuntimeException {
    private final long waitMs;

    public QuotaWait(long waitMs) {
        super("quota bucket empty, retry in " + waitMs + " ms", null, false, false);
        this.waitMs = waitMs;
    }

    public long waitMs() {
        return waitMs;
    }
}
