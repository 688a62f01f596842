package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;

import java.util.Locale;

/**
 * A dead letter's cause as a metric tag: a handful of values (an HTTP status, {@code retries_exhausted},
 * {@code timeout}…), where the reason text itself names ids and would make one time series per letter.
 */
public final class DeadLetterReasons {
    private DeadLetterReasons() {
    }

    public static String category(DeadLetter letter) {
        if (letter.poison() != null) {
            return "unreadable_record";
        }
        if (letter.reason().startsWith(RETRIES_EXHAUSTED)) {
            return "retries_exhausted";
        }
        Failure last = letter.failures().isEmpty() ? null : letter.failures().get(letter.failures().size() - 1);
        if (last != null && last.httpStatus() != null) {
            return "http_" + last.httpStatus();
        }
        String text = last != null ? last.reason() : letter.reason();
        int colon = text.indexOf(':');
        String head = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_")
                .replaceAll("^_|_$", "");
        return head.length() > 32 || head.isEmpty() ? "other" : head;
    }

    /** How retry-service's reason for an exhausted task begins. */
    public static final String RETRIES_EXHAUSTED = "retries exhausted";
}
