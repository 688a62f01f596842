package io.reviewfetcher.reviews;

import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewBatch.WatermarkedLocation;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.google.GoogleDtos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one page of batchGetReviews holds for its batch, read without any call: the reviews updated since their
 * location's watermark, the invalid ones among them, the entries that name no location of the batch, and the times
 * that decide whether the walk goes on. Only valid reviews' times count: a time the contract refuses (a year 2300,
 * say) must neither end the walk early nor become a watermark.
 *
 * @param ahead            valid reviews newer than their location's watermark, in Google's order, with Google's review
 * @param invalid          reviews that failed validation and are not known to be behind their watermark
 * @param notInBatch       entries naming a location the batch did not ask for, or carrying no review
 * @param newestByLocation per location id, the newest update_time of its valid reviews on this page
 * @param oldest           the oldest update_time of the page's valid reviews, or null when it holds none: Google
 *                         answers newest first across the batch, so no later page holds anything newer
 */
record BatchPage(List<Ahead> ahead, List<ReviewValidator.Checked> invalid, int notInBatch,
                 Map<String, Instant> newestByLocation, Instant oldest) {

    /** A review to deliver, as the contract has it and as Google sent it (for the review store). */
    record Ahead(ReviewRaw review, GoogleDtos.Review google) {
    }

    static BatchPage read(FetchReviewBatch task, GoogleDtos.BatchReviewsPage page, Instant fetchedAt) {
        Map<String, WatermarkedLocation> byName = new HashMap<>();
        task.locations().forEach(location -> byName.put(v4Name(task.accountId(), location.locationId()), location));
        List<Ahead> ahead = new ArrayList<>();
        List<ReviewValidator.Checked> invalid = new ArrayList<>();
        Map<String, Instant> newest = new LinkedHashMap<>();
        Instant oldest = null;
        int notInBatch = 0;
        for (GoogleDtos.LocationReview entry : page.locationReviewsOrEmpty()) {
            WatermarkedLocation location = entry.name() == null ? null : byName.get(entry.name());
            if (location == null || entry.review() == null) {
                notInBatch++;
                continue;
            }
            ReviewValidator.Checked checked = ReviewValidator.check(entry.review(), origin(task, location), fetchedAt);
            if (checked.review() == null) {
                // Behind its watermark, it was met (and dead-lettered) by an earlier run already.
                Instant claimed = ReviewValidator.timestamp(entry.review().updateTime());
                if (claimed == null || claimed.isAfter(location.watermark())) {
                    invalid.add(checked);
                }
                continue;
            }
            Instant updated = checked.review().updateTime();
            newest.merge(location.locationId(), updated, (a, b) -> a.isAfter(b) ? a : b);
            oldest = oldest == null || updated.isBefore(oldest) ? updated : oldest;
            if (updated.isAfter(location.watermark())) {
                ahead.add(new Ahead(checked.review(), entry.review()));
            }
        }
        return new BatchPage(List.copyOf(ahead), List.copyOf(invalid), notInBatch, newest, oldest);
    }

    /**
     * The locations a later page may still hold a review newer than their watermark for: those whose watermark is older
     * than the page's oldest review (all of them after a page without one). The others are behind: done.
     */
    List<WatermarkedLocation> stillAhead(FetchReviewBatch task) {
        return task.locations().stream().filter(location -> oldest == null || oldest.isAfter(location.watermark())).toList();
    }

    /** The v4 name batchGetReviews takes and answers: {@code accounts/{a}/locations/{l}}. */
    static String v4Name(String accountId, String locationId) {
        return "accounts/" + accountId + "/locations/" + locationId;
    }

    private static ReviewValidator.Origin origin(FetchReviewBatch task, WatermarkedLocation location) {
        return new ReviewValidator.Origin(task.jobId(), task.accountId(), location.locationId(), location.locationName(),
                location.mapsUri());
    }
}
