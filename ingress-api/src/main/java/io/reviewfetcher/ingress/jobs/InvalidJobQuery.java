package io.reviewfetcher.ingress.jobs;

/**
 * A job listing asked with a bad parameter: a status that is none, a client id that is not one, a limit out of range,
 * a cursor no listing answered. Names the parameter and what is wrong with it, never the value.
 */
public class InvalidJobQuery extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidJobQuery(String field, String reason) {
        super(field + " " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    /** The parameter's name: status, client_id, limit or cursor. */
    public String field() {
        return field;
    }

    /** What is wrong with it, e.g. "must be an integer from 1 to 100". */
    public String reason() {
        return reason;
    }
}
