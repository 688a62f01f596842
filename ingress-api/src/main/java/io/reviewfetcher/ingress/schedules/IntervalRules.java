package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.submission.InvalidSubmission;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What an interval may be: an ISO-8601 duration of whole seconds ({@code PT15M}, {@code P1D}; no months or years,
 * whose length varies), at least the kind's minimum and at most {@code max}. Problems name the field and the
 * bounds, never the value given.
 */
public record IntervalRules(Duration minIncremental, Duration minFull, Duration max) {

    public static IntervalRules of(IngressConfig.Schedules config) {
        return new IntervalRules(config.minIncrementalEvery(), config.minFullEvery(), config.maxEvery());
    }

    /** The interval, or null with an error added when the text is not one this kind of run may have. */
    public Duration check(String text, Trigger kind, String field, List<InvalidSubmission.FieldError> errors) {
        Duration every;
        try {
            every = Duration.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new InvalidSubmission.FieldError(field, "must be an ISO-8601 duration such as PT15M or P1D (days at most: no months or years)"));
            return null;
        }
        Duration min = kind == Trigger.FULL ? minFull : minIncremental;
        if (every.getNano() != 0) {
            errors.add(new InvalidSubmission.FieldError(field, "must be a whole number of seconds"));
            return null;
        }
        if (every.compareTo(min) < 0) {
            errors.add(new InvalidSubmission.FieldError(field, "must be at least " + text(min)));
            return null;
        }
        if (every.compareTo(max) > 0) {
            errors.add(new InvalidSubmission.FieldError(field, "must be at most " + text(max)));
            return null;
        }
        return every;
    }

    /** An interval as answered: whole days as {@code P1D}, anything else as {@code PT15M}, {@code PT36H}. */
    public static String text(Duration every) {
        if (every == null) {
            return null;
        }
        long seconds = every.getSeconds();
        if (every.getNano() == 0 && seconds > 0 && seconds % Duration.ofDays(1).getSeconds() == 0) {
            return "P" + seconds / Duration.ofDays(1).getSeconds() + "D";
        }
        return every.toString();
    }
}
