package io.reviewfetcher.events;

/**
 * The deterministic task ids of {@link JobEvent}: the same unit of work always has the same id. A listing
 * page after the first is its own task ({@code accounts:p2}, {@code locations:<account>:p2}), spawned by the
 * page before it; the first page keeps the plain id, so {@link #ACCOUNTS} stays the job's root task. A location's
 * review walk started again at page 1 (a page token Google refused) is a walk of tasks of its own:
 * {@code reviews:<location>:<page>:r<restarts>}; a recovery walk (reviews a full walk did not get) too:
 * {@code reviews:<location>:<page>:v<walk>}, after the restarts' suffix when there is one. A page of an incremental
 * run's batch of locations is {@code reviews-batch:<account>:<first location>:<page>}: a location is in one batch of a
 * job at most, so its first location names the batch. A review Google notified (its job's one task) is {@code review-change:<review>}.
 * An account whose notification setting Google refused, in a job that sets them, is {@code notifications:<account>}
 * (dead-lettered, never spawned).
 */
public final class TaskIds {
    /** ingress-api's submission; it spawns {@link #ACCOUNTS}. */
    public static final String SUBMISSION = "job";
    /** account-worker's first page of the job's accounts: the root task. */
    public static final String ACCOUNTS = "accounts";

    private TaskIds() {
    }

    /** A page of the job's accounts: {@code accounts}, {@code accounts:p2}, … */
    public static String accounts(int pageNumber) {
        return ACCOUNTS + laterPage(pageNumber);
    }

    /** The first page of an account's locations. */
    public static String locations(String accountId) {
        return "locations:" + accountId;
    }

    /** A page of an account's locations: {@code locations:<account>}, {@code locations:<account>:p2}, … */
    public static String locations(String accountId, int pageNumber) {
        return locations(accountId) + laterPage(pageNumber);
    }

    public static String reviews(String locationId, int pageNumber) {
        return "reviews:" + locationId + ":" + pageNumber;
    }

    /** A page of a location's review walk that started again {@code restarts} times: {@code reviews:<location>:1:r1}, … */
    public static String reviews(String locationId, int pageNumber, int restarts) {
        return reviews(locationId, pageNumber) + (restarts == 0 ? "" : ":r" + restarts);
    }

    /** A page of a batch of locations' reviews ({@link FetchReviewBatch}), named by its account and first location. */
    public static String reviewBatch(String accountId, String firstLocationId, int pageNumber) {
        return "reviews-batch:" + accountId + ":" + firstLocationId + ":" + pageNumber;
    }

    /** The one task of a job that fetches a review Google notified ({@link FetchReviewChange}). */
    public static String reviewChange(String reviewId) {
        return "review-change:" + reviewId;
    }

    /** An account whose notification setting Google refused ({@link FetchAccounts#setsNotifications()}). */
    public static String notifications(String accountId) {
        return "notifications:" + accountId;
    }

    /** A single review that failed validation. */
    public static String review(String reviewId) {
        return "review:" + reviewId;
    }

    /** The task a stage event performs. */
    public static String of(StageEvent event) {
        if (event instanceof FetchLocations locations) {
            return locations(locations.accountId(), locations.pageNumber());
        }
        if (event instanceof FetchReviews reviews) {
            int recovery = reviews.recoveryWalkNumber();
            return reviews(reviews.locationId(), reviews.pageNumber(), reviews.restartsSoFar()) + (recovery == 0 ? "" : ":v" + recovery);
        }
        if (event instanceof FetchReviewChange change) {
            return reviewChange(change.reviewId());
        }
        if (event instanceof FetchReviewBatch batch) {
            return reviewBatch(batch.accountId(), batch.firstLocationId(), batch.pageNumber());
        }
        return accounts(event.pageNumber());
    }

    private static String laterPage(int pageNumber) {
        return pageNumber <= 1 ? "" : ":p" + pageNumber;
    }
}
