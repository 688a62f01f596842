package io.reviewfetcher.ingress.submission;

/** A {@code client_id} job without a valid caller key ({@code X-API-Key}, one of {@code INGRESS_API_KEYS}). */
public class CallerNotAuthorized extends RuntimeException {

    public CallerNotAuthorized() {
        super("a client_id job needs a valid caller key", null, false, false);
    }
}
