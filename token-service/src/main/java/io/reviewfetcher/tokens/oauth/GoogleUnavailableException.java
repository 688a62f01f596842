package io.reviewfetcher.tokens.oauth;

/**
 * Google's OAuth endpoint did not answer (connection failure, timeout, circuit open) or answered 5xx: the
 * failures {@link GoogleOAuth} retries and counts against its circuit breakers. A refusal (4xx, such as
 * {@code invalid_grant}) is a plain {@link GoogleOAuthException} and is never retried.
 */
public class GoogleUnavailableException extends GoogleOAuthException {

    public GoogleUnavailableException(int status, String error, String description) {
        super(status, error, description);
    }
}
