package io.reviewfetcher.events;

import java.util.List;
import java.util.regex.Pattern;

/** Checks the records run in their constructors, so an invalid event can be neither built nor read. */
final class Fields {
    /**
     * A credential reference. Deliberately narrow: a Google access token ({@code ya29.…}) or a JWT does
     * not match, so a token cannot slip into an event by mistake.
     */
    private static final Pattern CREDENTIAL_REF = Pattern.compile("cred:[A-Za-z0-9_-]{16,64}|client:[A-Za-z0-9_-]{1,128}");

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
}
