package io.reviewfetcher.ingress.api;

import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;

/** A {@code limit} query parameter: an empty one counts as absent; a bad one is a 400 naming it, not repeating it. */
final class PageLimit {

    private PageLimit() {
    }

    static int parse(String name, String text, int defaultLimit, int max) {
        if (text == null || text.isEmpty()) {
            return defaultLimit;
        }
        if (text.length() <= 4 && text.chars().allMatch(Character::isDigit)) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw new ProblemException(Problem.invalidParameter(name, "must be an integer from 1 to " + max));
    }
}
