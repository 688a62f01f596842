package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetch one page of Google's {@code batchGetReviews} for up to {@value #MAX_LOCATIONS} locations of one account
 * ({@code fetch-reviews}, beside {@code fetch_reviews}): an incremental run's way to learn what changed at locations
 * that have a watermark, about one call per 50 unchanged locations instead of one per location. Google answers the
 * batch's reviews newest first across its locations; the walk goes on only while some location may still have
 * reviews newer than its watermark.
 *
 * <p>Every page of a walk names the same locations: Google's page token belongs to the request it answered (the
 * emulator seals it over the location names), so a page asked for with fewer locations would be refused. A location
 * already behind its watermark costs nothing more: its older reviews are dropped on arrival.
 *
 * @param accountId     bare account id; every location of the batch is listed by it
 * @param locations     1 to {@value #MAX_LOCATIONS} locations, each with its watermark, distinct; the first names the task
 * @param pageToken     Google's {@code nextPageToken} of the previous page, or null for the first page
 * @param pageNumber    1 for the first page
 * @param pageTokenMark the loop guard's fingerprint of an earlier page token of this walk, or null (see
 *                      {@link FetchReviews#pageTokenMark()})
 * @param mode          always {@link FetchMode#INCREMENTAL}: a full run walks every location on its own
 * @param replayedAt    when an operator replayed this work from {@code fetch-dlq}, or null (see
 *                      {@link StageEvent#replayedAt()}); left out of the JSON when null
 */
public record FetchReviewBatch(String jobId, Instant createdAt, String credential, String accountId,
                               List<WatermarkedLocation> locations, String pageToken, int pageNumber, String pageTokenMark,
                               FetchMode mode, int attempt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant replayedAt)
        implements StageEvent {

    /** Most locationNames Google takes in one batchGetReviews call (sources say 50 or 200; 50 is the safe one). */
    public static final int MAX_LOCATIONS = 50;

    public FetchReviewBatch {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.timestampOrNull(replayedAt, "replayed_at");
        Fields.credential(credential);
        Fields.requiredText(accountId, "account_id");
        locations = Fields.copy(locations, "locations");
        if (locations.isEmpty() || locations.size() > MAX_LOCATIONS) {
            throw new EventFormatException("locations", "must hold 1 to " + MAX_LOCATIONS + " locations");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < locations.size(); i++) {
            if (!ids.add(locations.get(i).locationId())) {
                throw new EventFormatException("locations[" + i + "].location_id", "names a location of the batch twice");
            }
        }
        Fields.atLeast(pageNumber, 1, "page_number");
        if (Fields.required(mode, "mode") != FetchMode.INCREMENTAL) {
            throw new EventFormatException("mode", "must be incremental: a full run walks each location on its own");
        }
        Fields.atLeast(attempt, 0, "attempt");
    }

    /** The first page of a batch, first try, never replayed. */
    public FetchReviewBatch(String jobId, Instant createdAt, String credential, String accountId,
                            List<WatermarkedLocation> locations) {
        this(jobId, createdAt, credential, accountId, locations, null, 1, null, FetchMode.INCREMENTAL, 0, null);
    }

    /**
     * One location of a batch.
     *
     * @param locationId   bare location id ({@code 456} of {@code locations/456})
     * @param locationName the location's title
     * @param mapsUri      the location's Google Maps link for attribution, or null where unknown
     * @param watermark    the newest {@code update_time} of the location's last complete walk (the review store):
     *                     reviews updated later are what this batch is for
     * @param newestSeen   the newest {@code update_time} this walk met for the location on its pages so far, or null
     *                     before any: what the watermark becomes when the walk ends
     */
    public record WatermarkedLocation(String locationId, String locationName, String mapsUri, Instant watermark,
                                      Instant newestSeen) {
        public WatermarkedLocation {
            Fields.requiredText(locationId, "location_id");
            Fields.required(locationName, "location_name");
            Fields.timestamp(watermark, "watermark");
            Fields.timestampOrNull(newestSeen, "newest_seen");
        }

        /** A location not met yet by its walk. */
        public WatermarkedLocation(String locationId, String locationName, String mapsUri, Instant watermark) {
            this(locationId, locationName, mapsUri, watermark, null);
        }

        /** The same location, having met a review updated at {@code updateTime} (the newest met is kept). */
        public WatermarkedLocation seen(Instant updateTime) {
            if (updateTime == null || (newestSeen != null && !updateTime.isAfter(newestSeen))) {
                return this;
            }
            return new WatermarkedLocation(locationId, locationName, mapsUri, watermark, updateTime);
        }
    }

    /** The location whose id names the task ({@link TaskIds#reviewBatch}). */
    public String firstLocationId() {
        return locations.get(0).locationId();
    }

    /** The same page, its locations having met the reviews updated at the given times, by location id. */
    public FetchReviewBatch withNewestSeen(Map<String, Instant> newestByLocation) {
        List<WatermarkedLocation> seen = new ArrayList<>(locations.size());
        locations.forEach(location -> seen.add(location.seen(newestByLocation.get(location.locationId()))));
        return new FetchReviewBatch(jobId, createdAt, credential, accountId, seen, pageToken, pageNumber, pageTokenMark,
                mode, attempt, replayedAt);
    }

    /** The page after this one, first try, with the same locations (the page token belongs to them). */
    @Override
    public FetchReviewBatch nextPage(Instant at, String nextPageToken, String nextPageTokenMark) {
        return new FetchReviewBatch(jobId, at, credential, accountId, locations, nextPageToken, pageNumber + 1,
                nextPageTokenMark, mode, 0, null);
    }

    /**
     * A walk of its own for those of the locations still ahead of their watermark, from its first page (a page token
     * belongs to the locations it was asked for), numbered on from this one so that its task is one of its own.
     */
    public FetchReviewBatch narrowedTo(Instant at, List<WatermarkedLocation> stillAhead) {
        return new FetchReviewBatch(jobId, at, credential, accountId, stillAhead, null, pageNumber + 1, null, mode, 0, null);
    }

    @Override
    public FetchReviewBatch withAttempt(int next) {
        return new FetchReviewBatch(jobId, createdAt, credential, accountId, locations, pageToken, pageNumber,
                pageTokenMark, mode, next, replayedAt);
    }

    @Override
    public FetchReviewBatch replayed(Instant at) {
        return new FetchReviewBatch(jobId, createdAt, credential, accountId, locations, pageToken, pageNumber,
                pageTokenMark, mode, 0, Fields.required(at, "replayed_at"));
    }
}
