package io.reviewfetcher.ingress.push;

/**
 * A push body that is not a Pub/Sub envelope of a Google notification: answered 400 naming the field (its JSON path, e.g.
 * {@code message.data.reviewName}), never quoting the value. {@code field} is null when the body is not JSON at all.
 */
public class InvalidPush extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidPush(String field, String problem) {
        super(field == null ? problem : field + " " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
