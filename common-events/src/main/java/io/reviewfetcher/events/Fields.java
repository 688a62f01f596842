package io.reviewfetcher.events;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the records run in their constructors, so an invalid event can be neither built nor read. */
final class Fields {
    /**
     * A credential reference. Deliberately narrow: a Google access token ({@code ya29.…}) or a JWT does
     * not match, so a token cannot slip into an event by mistake.
     */
    private static final Pattern CREDENTIAL_REF = Pattern.compile("cred:[A-Za-z0-9_-]{16,64}|client:[A-Za-z0-9_-]{1,128}");

    /**
     * The range of every timestamp of the contract, from {@link #EARLIEST} up to {@link #END} (excluded): wide
     * around any time a review or a job can have, narrow enough that what consumers compute from a timestamp
     * (epoch milliseconds, a due time, a wait in milliseconds) cannot overflow. A time that parses but lies
     * outside is refused like any invalid value, so its record is poison instead of a consumer's crash.
     */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant END = Instant.parse("2200-01-01T00:00:00Z");

    private Fields() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new EventFormatException(field, "is required");
        }
        return value;
    }

    static String requiredText(String value, String field) {
        if (required(value, field).isBlank()) {
            throw new EventFormatException(field, "must not be blank");
        }
        return value;
    }

    static String credential(String value) {
        requiredText(value, "credential");
        if (!CREDENTIAL_REF.matcher(value).matches()) {
            // The value itself is not echoed: it might be the secret this check keeps out.
            throw new EventFormatException("credential", "must be a reference (cred:<id> or client:<client_id>), not a token");
        }
        return value;
    }

    static Instant timestamp(Instant value, String field) {
        if (required(value, field).isBefore(EARLIEST) || !value.isBefore(END)) {
            throw new EventFormatException(field, "must be between " + EARLIEST + " and " + END + " (excluded)");
        }
        return value;
    }

    static Instant timestampOrNull(Instant value, String field) {
        return value == null ? null : timestamp(value, field);
    }

    /** A delay in milliseconds, or null; bounded because consumers add it to a time and wait for it. */
    static Long millisOrNull(Long value, long max, String field) {
        if (value != null && (value < 0 || value > max)) {
            throw new EventFormatException(field, "must be between 0 and " + max + " milliseconds");
        }
        return value;
    }

    static int atLeast(int value, int min, String field) {
        if (value < min) {
            throw new EventFormatException(field, "must be at least " + min);
        }
        return value;
    }

    static <T> List<T> copyOrNull(List<T> values, String field) {
        if (values == null) {
            return null;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new EventFormatException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }

    static <T> List<T> copy(List<T> values, String field) {
        return copyOrNull(required(values, field), field);
    }

    /** A required list of at most {@code max} values: a bound the contract promises its consumers. */
    static <T> List<T> copyAtMost(List<T> values, int max, String field) {
        List<T> copy = copy(values, field);
        if (copy.size() > max) {
            throw new EventFormatException(field, "must hold at most " + max + " values");
        }
        return copy;
    }
}
