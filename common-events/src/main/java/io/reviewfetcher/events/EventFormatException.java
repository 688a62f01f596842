package io.reviewfetcher.events;

/**
 * A record that is not a valid event of the contract. {@link #field()} names the offending JSON field
 * (dotted path, e.g. {@code reviewer.display_name}), so a dead letter can say exactly what was wrong. The
 * message is that path and the kind of problem, never the rejected value: it is logged and dead-lettered,
 * and the value may be a secret. One kind is told apart, {@link NewerEventVersionException}: a record written
 * by newer code, which is not broken and must not be dead-lettered as if it were.
 */
public sealed class EventFormatException extends RuntimeException permits NewerEventVersionException {
    private final String field;

    public EventFormatException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same problem, found inside the field {@code parent}. */
    EventFormatException under(String parent) {
        EventFormatException nested = new EventFormatException(parent + "." + field, getMessage().substring(field.length() + 2));
        nested.setStackTrace(getStackTrace());
        return nested;
    }
}
