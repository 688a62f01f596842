package io.reviewfetcher.ingress.credentials;

/**
 * Google does not accept the submitted access token (invalid, expired, revoked or without the
 * business.manage scope), as token-service found out with tokeninfo: the submitter's fault.
 */
public class AccessTokenRejected extends RuntimeException {

    public AccessTokenRejected() {
        // No cause and no stack trace: an answer, not a fault, and the message names no token.
        super("Google does not accept the access token", null, false, false);
    }
}
