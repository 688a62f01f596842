package io.reviewfetcher.ingress.api;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;

import java.util.Locale;
import java.util.regex.Pattern;

/** A schedule id as a path or query parameter: a UUID, answered in lower case as stored. */
final class ScheduleIds {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ScheduleIds() {
    }

    /** The id in lower case, or a 400 naming the parameter (never repeating it). */
    static String check(String parameter, String id) {
        if (id == null || !UUID.matcher(id).matches()) {
            throw new ProblemException(Problem.invalidParameter(parameter, "must be a schedule id (a UUID)"));
        }
        return id.toLowerCase(Locale.ROOT);
    }
}
