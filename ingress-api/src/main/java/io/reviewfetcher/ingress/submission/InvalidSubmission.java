package io.reviewfetcher.ingress.submission;

import java.util.List;

/**
 * A body that cannot become a {@link Submission}: {@link Kind#MALFORMED} when it is not the request's JSON
 * shape (not JSON, not an object, a wrong JSON type, an unknown field), {@link Kind#INVALID} when it is
 * well-formed but a value is unacceptable. Names the fields, never their values.
 */
public class InvalidSubmission extends RuntimeException {

    public enum Kind { MALFORMED, INVALID }

    /** One bad field: its JSON path ({@code account_ids[2]}, {@code submissions[3].mode}) and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final Kind kind;
    private final transient List<FieldError> errors;

    private InvalidSubmission(Kind kind, String detail, List<FieldError> errors) {
        // No cause and no stack trace: an answer, not a fault; the message is ours and quotes no input.
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** The body as a whole is unreadable; {@code detail} says how. */
    public static InvalidSubmission malformed(String detail) {
        return new InvalidSubmission(Kind.MALFORMED, detail, List.of());
    }

    /** One field cannot be read as its type. */
    public static InvalidSubmission malformedField(String field, String message) {
        return new InvalidSubmission(Kind.MALFORMED, field + " " + message, List.of(new FieldError(field, message)));
    }

    /** One field's value is unacceptable. */
    public static InvalidSubmission invalidField(String field, String message) {
        return invalidFields(List.of(new FieldError(field, message)));
    }

    /** Values of several fields are unacceptable. */
    public static InvalidSubmission invalidFields(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return new InvalidSubmission(Kind.INVALID, detail, errors);
    }

    public Kind kind() {
        return kind;
    }

    /** The bad fields; empty when the body as a whole is malformed. */
    public List<FieldError> errors() {
        return errors;
    }

    /** What is wrong, in one sentence (the fields and their problems, when there are fields). */
    public String detail() {
        return getMessage();
    }
}
