package io.reviewfetcher.ingress.admission;

import java.time.Duration;

/** Redis did not answer the admission counters: the job is not admitted unchecked. Try again after {@code retryAfter}. */
public class AdmissionUnavailable extends RuntimeException {

    private final Duration retryAfter;

    public AdmissionUnavailable(Duration retryAfter) {
        super("the admission counters are unavailable", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
