package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Fetch one page of a location's reviews ({@code fetch-reviews}); the worker emits the next page as a
 * new event, so a long location never holds one record for minutes.
 *
 * @param locationId    bare location id ({@code 456} of {@code locations/456})
 * @param locationName  the location's title
 * @param mapsUri       the location's Google Maps link for attribution, or null where unknown
 * @param pageToken     Google's {@code nextPageToken} of the previous page, or null for the first page
 * @param pageNumber    1 for the first page
 * @param pageTokenMark for the loop guard: a fingerprint of the page token of this walk's latest page whose
 *                      number is a power of two (null before page 2). Each {@code nextPageToken} is compared
 *                      with it and with {@code pageToken}, which finds a cycle of any length within a few
 *                      times its length, carrying one short value instead of every token seen
 * @param replayedAt    when an operator replayed this work from {@code fetch-dlq}, or null (see
 *                      {@link StageEvent#replayedAt()}); left out of the JSON when null, so that a record of work
 *                      never replayed is written as it was before the field existed
 * @param reviewCount   Google's {@code totalReviewCount} of the location as the previous page of this walk gave it,
 *                      or null on the first page: how many pages the walk has left, which decides its place when
 *                      calls wait for the quota; left out of the JSON when null
 * @param walkRestarts  how often this location's walk started again at page 1 because Google refused a page
 *                      token it no longer takes, or null for a walk never restarted; its pages are tasks of their
 *                      own ({@link TaskIds#of}); how many restarts a walk may take is the page walk's decision
 *                      (google-access); left out of the JSON when null
 * @param recoveryWalk  for a walk that looks again for reviews the location's full walk did not get (Google's count
 *                      was higher), which one (1 or more: each in another order, the worker's decision); null for
 *                      the location's walk itself; its pages are tasks of their own; left out of the JSON when null
 * @param walkStartedAt when page 1 of the location's walk was fetched, carried by its later pages, restarts and
 *                      recovery walks (null on page 1): a review fetched since, by any job, is not deleted by this walk's
 *                      end; left out of the JSON when null
 */
public record FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                           String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                           FetchMode mode, int attempt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant replayedAt,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer reviewCount,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer walkRestarts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer recoveryWalk,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant walkStartedAt)
        implements StageEvent {

    public FetchReviews {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.timestampOrNull(replayedAt, "replayed_at");
        Fields.credential(credential);
        Fields.requiredText(accountId, "account_id");
        Fields.requiredText(locationId, "location_id");
        Fields.required(locationName, "location_name");
        Fields.atLeast(pageNumber, 1, "page_number");
        Fields.required(mode, "mode");
        Fields.atLeast(attempt, 0, "attempt");
        if (reviewCount != null) {
            Fields.atLeast(reviewCount, 0, "review_count");
        }
        if (walkRestarts != null) {
            // A walk never restarted leaves the field out: one way to write it, as before the field existed.
            Fields.atLeast(walkRestarts, 1, "walk_restarts");
        }
        if (recoveryWalk != null) {
            Fields.atLeast(recoveryWalk, 1, "recovery_walk");
        }
        Fields.timestampOrNull(walkStartedAt, "walk_started_at");
    }

    /** A page without the walk's start (page 1, or a record written before the field). */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                        FetchMode mode, int attempt, Instant replayedAt, Integer reviewCount, Integer walkRestarts,
                        Integer recoveryWalk) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber,
                pageTokenMark, mode, attempt, replayedAt, reviewCount, walkRestarts, recoveryWalk, null);
    }

    /** A page of a location's walk itself, not a recovery walk. */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                        FetchMode mode, int attempt, Instant replayedAt, Integer reviewCount, Integer walkRestarts) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber,
                pageTokenMark, mode, attempt, replayedAt, reviewCount, walkRestarts, null);
    }

    /** A page of a walk never restarted. */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                        FetchMode mode, int attempt, Instant replayedAt, Integer reviewCount) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber,
                pageTokenMark, mode, attempt, replayedAt, reviewCount, null);
    }

    /** A page whose review count is not known yet (a first page, or a record written before the field). */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                        FetchMode mode, int attempt, Instant replayedAt) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber,
                pageTokenMark, mode, attempt, replayedAt, null, null);
    }

    /** Work never replayed. */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, String pageTokenMark,
                        FetchMode mode, int attempt) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber,
                pageTokenMark, mode, attempt, null);
    }

    /** A page without a loop mark (the first page has none). */
    public FetchReviews(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                        String locationName, String mapsUri, String pageToken, int pageNumber, FetchMode mode,
                        int attempt) {
        this(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken, pageNumber, null,
                mode, attempt);
    }

    /** The page after this one, first try, with the review count this walk knows, in the same walk. */
    public FetchReviews nextPage(Instant at, String nextPageToken, String nextPageTokenMark) {
        return new FetchReviews(jobId, at, credential, accountId, locationId, locationName, mapsUri, nextPageToken,
                pageNumber + 1, nextPageTokenMark, mode, 0, null, reviewCount, walkRestarts, recoveryWalk, walkStartedAt);
    }

    /** How often this location's walk started again at page 1 so far (0 for a walk never restarted). */
    public int restartsSoFar() {
        return walkRestarts == null ? 0 : walkRestarts;
    }

    /** Page 1 of this location again, first try, as a walk of its own: one more restart. */
    public FetchReviews restarted(Instant at) {
        return new FetchReviews(jobId, at, credential, accountId, locationId, locationName, mapsUri, null, 1, null, mode,
                0, null, null, restartsSoFar() + 1, recoveryWalk, walkStartedAt);
    }

    /** Page 1 of recovery walk {@code walk} of this location, first try, knowing Google's count. */
    public FetchReviews recovery(Instant at, int walk, int count) {
        return new FetchReviews(jobId, at, credential, accountId, locationId, locationName, mapsUri, null, 1, null, mode,
                0, null, count, walkRestarts, walk, walkStartedAt);
    }

    /** This page, knowing when its walk started (page 1 keeps the start it has, if any). */
    public FetchReviews withWalkStart(Instant started) {
        return walkStartedAt != null ? this : new FetchReviews(jobId, createdAt, credential, accountId, locationId,
                locationName, mapsUri, pageToken, pageNumber, pageTokenMark, mode, attempt, replayedAt, reviewCount,
                walkRestarts, recoveryWalk, Fields.required(started, "walk_started_at"));
    }

    /** Which recovery walk this page belongs to (0 for the location's walk itself). */
    public int recoveryWalkNumber() {
        return recoveryWalk == null ? 0 : recoveryWalk;
    }

    /** This page with the location's review count as Google gave it on this page (null: keep the one known). */
    public FetchReviews withReviewCount(Integer count) {
        return count == null ? this : new FetchReviews(jobId, createdAt, credential, accountId, locationId, locationName,
                mapsUri, pageToken, pageNumber, pageTokenMark, mode, attempt, replayedAt, count, walkRestarts, recoveryWalk,
                walkStartedAt);
    }

    @Override
    public FetchReviews withAttempt(int next) {
        return new FetchReviews(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken,
                pageNumber, pageTokenMark, mode, next, replayedAt, reviewCount, walkRestarts, recoveryWalk, walkStartedAt);
    }

    @Override
    public FetchReviews replayed(Instant at) {
        return new FetchReviews(jobId, createdAt, credential, accountId, locationId, locationName, mapsUri, pageToken,
                pageNumber, pageTokenMark, mode, 0, Fields.required(at, "replayed_at"), reviewCount, walkRestarts, recoveryWalk,
                walkStartedAt);
    }
}
