package io.reviewfetcher.tokens.errors;

/**
 * One input cannot be used as given: its name (a JSON field, a parameter, a header) and what is wrong with
 * it, never its value, which might be a token.
 */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String problem;

    public InvalidInputException(String field, String problem) {
        super(field + " " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** What is wrong, e.g. {@code names no existing client}. */
    public String problem() {
        return problem;
    }
}
