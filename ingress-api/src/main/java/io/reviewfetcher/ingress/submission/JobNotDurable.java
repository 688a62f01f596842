package io.reviewfetcher.ingress.submission;

import java.time.Duration;

/**
 * The broker did not acknowledge the job, or Redis did not take the locations it is narrowed to: it was not accepted,
 * and may be submitted again after {@code retryAfter}.
 */
public class JobNotDurable extends RuntimeException {

    private final Duration retryAfter;

    public JobNotDurable(Duration retryAfter) {
        super("the job could not be made durable", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
