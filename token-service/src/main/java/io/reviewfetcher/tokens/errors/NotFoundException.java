package io.reviewfetcher.tokens.errors;

/** What a request names does not exist, e.g. {@code client 42}. The message is written by the service. */
public class NotFoundException extends RuntimeException {

    private final String what;

    public NotFoundException(String what) {
        super(what + " does not exist", null, false, false);
        this.what = what;
    }

    /** The thing that was looked for, e.g. {@code branch with branch_id x}. */
    public String what() {
        return what;
    }
}
