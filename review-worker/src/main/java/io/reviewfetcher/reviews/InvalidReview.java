package io.reviewfetcher.reviews;

import io.reviewfetcher.failures.TaskFailure;

/**
 * One review of a page that is not a valid {@code reviews-raw} record: permanent (the same page gives the same
 * review again), dead-lettered on its own while the rest of its page is delivered.
 */
final class InvalidReview extends TaskFailure {
    InvalidReview(String problem) {
        super("invalid review: " + problem, false, null, null);
    }
}
