package io.reviewfetcher.ingress.api;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/v1/reviews}, checked. Every bad parameter is named in one 400, none repeated: a caller
 * who pasted a token into the wrong field must not see it echoed. An empty optional parameter counts as absent.
 *
 * @param updatedSince null for all of the location's reviews
 * @param cursor       null for the first page; only the store can tell a bad one
 */
record ReviewQuery(String locationId, Instant updatedSince, int limit, String cursor) {

    static final String LOCATION_ID = "location_id";
    static final String UPDATED_SINCE = "updated_since";
    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private static final Pattern BARE_LOCATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    // The years PostgreSQL and ISO-8601's four digits both take: a farther instant is a mistake, not a filter.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    /** The query, or a {@link ProblemException} (400) naming every bad parameter. */
    static ReviewQuery of(String locationId, String updatedSince, String limit, String cursor) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (locationId == null || locationId.isEmpty()) {
            errors.add(new Problem.FieldError(LOCATION_ID, "is required"));
        } else if (!BARE_LOCATION_ID.matcher(locationId).matches()) {
            errors.add(new Problem.FieldError(LOCATION_ID, "must be a bare location id: 1 to 64 letters, digits, _ or -"));
        }
        Instant since = absent(updatedSince) ? null : instant(updatedSince);
        if (!absent(updatedSince) && since == null) {
            errors.add(new Problem.FieldError(UPDATED_SINCE, "must be an ISO-8601 instant such as 2026-01-31T08:00:00Z"));
        }
        int pageSize = absent(limit) ? DEFAULT_LIMIT : limit(limit);
        if (pageSize == 0) {
            errors.add(new Problem.FieldError(LIMIT, "must be an integer from 1 to " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(problem(errors));
        }
        return new ReviewQuery(locationId, since, pageSize, absent(cursor) ? null : cursor);
    }

    private static boolean absent(String parameter) {
        return parameter == null || parameter.isEmpty();
    }

    /** The instant, or null when it is none or out of range. */
    private static Instant instant(String text) {
        try {
            Instant instant = Instant.parse(text);
            return instant.isBefore(EARLIEST) || !instant.isBefore(END) ? null : instant;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The limit, or 0 when it is not an integer from 1 to {@link #MAX_LIMIT}. */
    private static int limit(String text) {
        if (text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int limit = Integer.parseInt(text);
        return limit >= 1 && limit <= MAX_LIMIT ? limit : 0;
    }

    private static Problem problem(List<Problem.FieldError> errors) {
        if (errors.size() == 1) {
            return Problem.invalidParameter(errors.get(0).field(), errors.get(0).message());
        }
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return Problem.of(400, "invalid-parameter", "Invalid parameter", detail).withErrors(List.copyOf(errors));
    }
}
