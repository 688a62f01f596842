package io.reviewfetcher.store;

import io.reviewfetcher.events.ReviewChange;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review store in PostgreSQL (schema {@code review_store}, migrated by Flyway at start-up): each review's latest
 * version as Google sent it, what each job made of it, deletions found by verified walks, and each location's
 * watermark. Every write is idempotent: a page or a walk's end run again (a redelivered record) changes nothing
 * and answers what it answered the first time.
 */
public interface ReviewStore {

    /** One review of a page as Google sent it, with the fields the store keeps beside the JSON. */
    record Incoming(String reviewId, Instant createTime, Instant updateTime, int starRating, String googleJson) {
    }

    /** A review a verified walk no longer found. */
    record Deleted(String reviewId, Instant lastSeenAt, Instant detectedAt) {
    }

    /**
     * The end of a location's full walk (or of one of its recovery walks) against Google's count.
     *
     * @param delivered distinct reviews of the location this job met, over all its walks of the location
     * @param verified  {@code delivered >= expected}: the walk is complete
     * @param deleted   when verified, the reviews delivered before that this job did not meet (tombstoned; the same
     *                  list again when the end is run again); empty otherwise
     */
    record WalkEnd(int delivered, boolean verified, List<Deleted> deleted) {
    }

    /** One review as the read API answers it. */
    record StoredReview(String locationId, String reviewId, String accountId, int starRating, Instant createTime,
                        Instant updateTime, Instant fetchedAt, Instant expiresAt, String lastJob, String googleJson) {
    }

    /** When the store last fetched a review from Google, and for which job. */
    record LastFetch(Instant fetchedAt, String jobId) {
    }

    /**
     * A location as a run last listed it: its title and Google Maps link (attribution), each null when not known.
     */
    record Listing(String locationId, String title, String mapsUri) {
    }

    /** A page of the read API; {@code nextCursor} is null on the last page. */
    record ReviewPage(List<StoredReview> reviews, String nextCursor) {
    }

    /**
     * Records the reviews of one page met by {@code jobId} and answers what each one is to that job: new (no row, or
     * a tombstone), updated (the row's update_time is older), unchanged; a review the job met before keeps the change
     * it had then. The row takes the newer version; {@code fetched_at} and {@code expires_at} move on.
     */
    Uni<Map<String, ReviewChange>> record(String jobId, String accountId, String locationId, List<Incoming> reviews,
                                          Instant fetchedAt, Instant expiresAt);

    /**
     * When the review was last fetched ({@link #record}'s {@code fetchedAt}) and by which job, a tombstone's too (it was
     * seen then, and is gone since); empty when the store does not hold it (never met, or pruned).
     */
    Uni<Optional<LastFetch>> lastFetch(String locationId, String reviewId);

    /**
     * Keeps each location's title and Maps link as a run lists them (the latest listing wins; a null Maps link is kept
     * as null), so that a review fetched on its own can be delivered with them ({@link #listing}).
     */
    Uni<Void> describe(String accountId, List<Listing> locations, Instant now);

    /**
     * What the store knows of a location: present once any run reached it (its title and Maps link null until a walk
     * has described it), empty for a location no run of ours ever reached.
     */
    Uni<Optional<Listing>> listing(String locationId);

    /** The store's clock, which stamps every write: a walk starts by it ({@link #endWalk}). */
    Uni<Instant> now();

    /**
     * The end of a location's walk: counts the distinct live reviews of the location {@code jobId} met or any job met
     * since {@code walkStartedAt} (by {@link #now}); when that reaches {@code expected}, tombstones the location's live
     * reviews the job did not meet and nobody met since the walk started, answering them and those it tombstoned
     * before, and sets the location's watermark (the newest update_time the job met; the walk's start for a location
     * without reviews) and verified count, clearing an unverified mark, in one transaction. A review another job met during this walk is therefore never taken for deleted.
     */
    Uni<WalkEnd> endWalk(String jobId, String accountId, String locationId, int expected, Instant walkStartedAt, Instant now);

    /** The watermarks of the given locations; a location without one (never walked complete) is absent. */
    Uni<Map<String, Instant>> watermarks(Collection<String> locationIds);

    /** Of the given locations, those a full walk last found unverified (Google keeps no reviews for them). */
    Uni<Set<String>> unverified(Collection<String> locationIds);

    /** A full walk found the location unverified (400 FAILED_PRECONDITION); a verified walk clears the mark. */
    Uni<Void> markUnverified(String accountId, String locationId, Instant now);

    /** After an incremental run of a location: its watermark becomes {@code newest} if that is later. */
    Uni<Void> advanceWatermark(String accountId, String locationId, Instant newest, Instant now);

    /**
     * A location's live reviews (no tombstones, not expired) with {@code update_time >= updatedSince} (null: all), in
     * update_time then review_id order, after {@code cursor} (null: from the start).
     *
     * @throws IllegalArgumentException for a cursor this store did not write, or a limit below 1 (as the Uni's
     *                                  failure; the message never repeats the cursor)
     */
    Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor);

    /** Removes up to {@code batch} rows past expires_at or tombstoned more than a week before {@code now}; how many. */
    Uni<Integer> prune(Instant now, int batch);
}
