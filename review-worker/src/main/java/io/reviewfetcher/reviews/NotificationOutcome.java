package io.reviewfetcher.reviews;

import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;

import java.util.Optional;
import java.util.Set;

/** What became of a review Google notified: the {@code outcome} tag of {@code notifications_processed_total}. */
enum NotificationOutcome {
    /** The store had fetched the review at or after Google published the notification: no call. */
    FRESH("fresh"),
    /** Fetched, and new or updated to the store: delivered on reviews-raw. */
    DELIVERED("delivered"),
    /** Fetched, and the version the store holds: nothing delivered. */
    UNCHANGED("unchanged"),
    /** Google answered 404 for a location the store knows: the review was deleted since. */
    GONE("gone"),
    /** 403, or 404 for a location no run of ours reached: not a location this credential manages. */
    UNMANAGED_LOCATION("unmanaged_location"),
    /** 400 FAILED_PRECONDITION: Google keeps no reviews for an unverified location. */
    UNVERIFIED_LOCATION("unverified_location"),
    /** Google's review failed validation: dead-lettered alone, as on a page. */
    INVALID("invalid");

    /**
     * 403 reasons that are about our project or token, not the location: every call would fail alike, so they fail
     * the task (dead-lettered, visible) instead of dropping notifications quietly.
     */
    private static final Set<String> NOT_ABOUT_THE_LOCATION = Set.of("SERVICE_DISABLED", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");

    private final String tag;

    NotificationOutcome(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    /**
     * The outcome of Google's refusal of a reviews.get that no retry changes, or empty for a failure that goes the
     * normal way (retried when transient, dead-lettered when not). Google's 404 names no resource, so a location the
     * store knows (a run of ours reached it) makes it the review's: deleted since.
     */
    static Optional<NotificationOutcome> refusal(Throwable error, boolean locationKnown) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        if (google == null || google.retryable()) {
            return Optional.empty();
        }
        int status = google.httpStatus();
        if (status == 404) {
            return Optional.of(locationKnown ? GONE : UNMANAGED_LOCATION);
        }
        // Set.of refuses to look up null: a 403 without a reason is the location's.
        if (status == 403 && (google.reason() == null || !NOT_ABOUT_THE_LOCATION.contains(google.reason()))) {
            return Optional.of(UNMANAGED_LOCATION);
        }
        if (status == 400 && "FAILED_PRECONDITION".equals(google.status())) {
            return Optional.of(UNVERIFIED_LOCATION);
        }
        return Optional.empty();
    }
}
