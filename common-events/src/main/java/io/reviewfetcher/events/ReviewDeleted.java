package io.reviewfetcher.events;

import java.time.Instant;

/**
 * A review delivered before that Google no longer lists ({@code reviews-raw}, keyed by location like the reviews, so
 * it follows every earlier event about the review). Emitted only from a walk of the location verified complete
 * against Google's {@code totalReviewCount}: a page Google served short can never fake a deletion.
 *
 * @param lastSeenAt when a job last fetched the review
 * @param detectedAt when the verified walk found it gone
 */
public record ReviewDeleted(String jobId, Instant createdAt, String accountId, String locationId, String reviewId,
                            Instant lastSeenAt, Instant detectedAt) implements Event {

    public ReviewDeleted {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.requiredText(accountId, "account_id");
        Fields.requiredText(locationId, "location_id");
        Fields.requiredText(reviewId, "review_id");
        Fields.timestamp(lastSeenAt, "last_seen_at");
        Fields.timestamp(detectedAt, "detected_at");
    }
}
