package io.reviewfetcher.locations;

import io.quarkus.logging.Log;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewBatch.WatermarkedLocation;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.google.GoogleDtos.Location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review tasks of a page of locations. A full run walks every location on its own ({@code fetch_reviews} page 1).
 * An incremental run does so only for a location without a watermark (never walked complete); those with one go in
 * batches of up to {@value FetchReviewBatch#MAX_LOCATIONS} ({@code fetch_review_batch}), one batchGetReviews call for
 * each unchanged batch instead of one call per location.
 */
final class ReviewTasks {
    private ReviewTasks() {
    }

    /**
     * @param locations  the page's locations this page owns, by id, in the page's order
     * @param watermarks the watermarks the review store holds for them (incremental runs; a location without is absent)
     * @return the locations' own walks in the page's order, then the batches
     */
    static List<StageEvent> of(FetchLocations page, Map<String, Location> locations, Map<String, Instant> watermarks,
                               Instant now) {
        List<StageEvent> tasks = new ArrayList<>();
        List<WatermarkedLocation> batched = new ArrayList<>();
        locations.forEach((locationId, location) -> {
            String title = location.title() == null ? "" : location.title();
            WatermarkedLocation watermarked = page.mode() == FetchMode.INCREMENTAL
                    ? watermarked(locationId, title, location.mapsUri(), watermarks.get(locationId), now) : null;
            if (watermarked != null) {
                batched.add(watermarked);
            } else {
                tasks.add(new FetchReviews(page.jobId(), now, page.credential(), page.accountId(), locationId, title,
                        location.mapsUri(), null, 1, page.mode(), 0));
            }
        });
        for (int from = 0; from < batched.size(); from += FetchReviewBatch.MAX_LOCATIONS) {
            tasks.add(new FetchReviewBatch(page.jobId(), now, page.credential(), page.accountId(),
                    batched.subList(from, Math.min(batched.size(), from + FetchReviewBatch.MAX_LOCATIONS))));
        }
        return tasks;
    }

    /**
     * The location with its watermark, or null without one, with one the contract cannot carry, or with one later than
     * now (a clock gone wrong would otherwise hide every review behind it): walked in full then, which sets it anew.
     */
    private static WatermarkedLocation watermarked(String locationId, String title, String mapsUri, Instant watermark,
                                                   Instant now) {
        if (watermark == null) {
            return null;
        }
        if (watermark.isAfter(now)) {
            Log.warnf("location %s: its watermark %s is in the future; walked in full", locationId, watermark);
            return null;
        }
        try {
            return new WatermarkedLocation(locationId, title, mapsUri, watermark);
        } catch (EventFormatException outsideTheContract) {
            return null;
        }
    }
}
