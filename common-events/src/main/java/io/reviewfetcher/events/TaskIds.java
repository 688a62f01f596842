package io.reviewfetcher.events;

/** The deterministic task ids of {@link JobEvent}: the same unit of work always has the same id. */
public final class TaskIds {
    /** ingress-api's submission; it spawns {@link #ACCOUNTS}. */
    public static final String SUBMISSION = "job";
    /** account-worker's listing of the job's accounts. */
    public static final String ACCOUNTS = "accounts";

    private TaskIds() {
    }

    public static String locations(String accountId) {
        return "locations:" + accountId;
    }

    public static String reviews(String locationId, int pageNumber) {
        return "reviews:" + locationId + ":" + pageNumber;
    }

    /** A single review that failed validation. */
    public static String review(String reviewId) {
        return "review:" + reviewId;
    }

    /** The task a stage event performs. */
    public static String of(StageEvent event) {
        if (event instanceof FetchLocations locations) {
            return locations(locations.accountId());
        }
        if (event instanceof FetchReviews reviews) {
            return reviews(reviews.locationId(), reviews.pageNumber());
        }
        return ACCOUNTS;
    }
}
