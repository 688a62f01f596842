package io.reviewfetcher.ingress.submission;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of a job's scope and client that every body shares (a submission, a schedule): bare ids, a client id,
 * and the name of an unknown field, which a problem repeats only when it looks like one. Errors name the field,
 * never the value.
 */
public final class IdRules {

    /** Bare Google ids; the event's credential reference allows the same characters for a client id. */
    private static final Pattern BARE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** What an unknown field's name may look like for the problem to repeat it. */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");

    public static final String CLIENT_ID_RULE = "must be 1 to 128 letters, digits, _ or -";

    private IdRules() {
    }

    public static boolean isClientId(String clientId) {
        return clientId != null && BARE_ID.matcher(clientId).matches();
    }

    /** A bare Google id (an account, location or review id: 123, not accounts/123). */
    public static boolean isBareId(String id) {
        return id != null && BARE_ID.matcher(id).matches();
    }

    /** Whether an unknown field's name may be repeated in a problem (a stray token used as a key must not come back). */
    public static boolean isFieldName(String name) {
        return name != null && FIELD_NAME.matcher(name).matches();
    }

    /**
     * The ids of {@code account_ids} or {@code location_ids} without repeats, null when absent or when one is bad
     * (then each bad one is added to {@code errors}, by its index).
     */
    public static List<String> ids(List<String> ids, String field, int maxIds, List<InvalidSubmission.FieldError> errors) {
        if (ids == null) {
            return null;
        }
        if (ids.isEmpty()) {
            errors.add(new InvalidSubmission.FieldError(field, "must not be empty (omit it to cover every one)"));
            return null;
        }
        if (ids.size() > maxIds) {
            errors.add(new InvalidSubmission.FieldError(field, "must hold at most " + maxIds + " ids"));
            return null;
        }
        boolean valid = true;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                errors.add(new InvalidSubmission.FieldError(field + "[" + i + "]", "must not be null"));
                valid = false;
            } else if (!BARE_ID.matcher(id).matches()) {
                errors.add(new InvalidSubmission.FieldError(field + "[" + i + "]", "must be a bare id (123, not accounts/123): 1 to 128 letters, digits, _ or -"));
                valid = false;
            }
        }
        return valid ? ids.stream().distinct().toList() : null;
    }
}
