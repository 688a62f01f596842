package io.reviewfetcher.ingress.admission;

import java.time.Duration;
import java.util.Locale;

/**
 * A job over one of the admission limits: its API key or its credential was admitted {@code perMinute} jobs in the
 * last minute. {@code retryAfter} is when the window frees a slot, in whole seconds.
 */
public class RateLimited extends RuntimeException {

    /** Which limit refused the job; its name is the metric's label. */
    public enum Limit {
        KEY, CREDENTIAL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Limit limit;
    private final int perMinute;
    private final Duration retryAfter;

    public RateLimited(Limit limit, int perMinute, Duration retryAfter) {
        super(perMinute + " jobs per minute per " + limit.label(), null, false, false);
        this.limit = limit;
        this.perMinute = perMinute;
        this.retryAfter = retryAfter;
    }

    public Limit limit() {
        return limit;
    }

    public int perMinute() {
        return perMinute;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
