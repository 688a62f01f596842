package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.google.model.ErrorBody;
import java.util.Map;

/** A Google error answer, thrown from anywhere in a Google API call and rendered by {@link GoogleApiGate}. */
public class GoogleApiException extends RuntimeException {

    private final int httpStatus;
    private final ErrorBody body;
    private final Map<String, String> headers;

    public GoogleApiException(int httpStatus, ErrorBody body, Map<String, String> headers) {
        super(body.error().status() + ": " + body.error().message(), null, false, false);
        this.httpStatus = httpStatus;
        this.body = body;
        this.headers = headers;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public ErrorBody body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
