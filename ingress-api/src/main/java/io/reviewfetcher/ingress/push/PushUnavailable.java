package io.reviewfetcher.ingress.push;

/**
 * A push that cannot be taken now: the endpoint is off (not configured), or Redis did not answer. Answered 503, so that
 * Pub/Sub redelivers it later. {@code detail} is written here and safe to answer.
 */
public class PushUnavailable extends RuntimeException {

    public PushUnavailable(String detail) {
        super(detail, null, false, false);
    }
}
