package io.reviewfetcher.tokens.errors;

/** The request contradicts what is stored (a duplicate, a client that still has branches, a deactivated client). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail, null, false, false);
    }
}
