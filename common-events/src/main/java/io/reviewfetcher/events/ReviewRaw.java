package io.reviewfetcher.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One review as delivered on {@code reviews-raw}, the product's output.
 *
 * @param comment   null for a rating-only review
 * @param reply     the owner's reply, or null (also when Google's reply has no text, e.g. held by moderation)
 * @param expiresAt {@code fetchedAt} + {@link #RETENTION}: consumers must drop the review by then
 * @param change    what the review is to the version delivered before (version 2); null only in a version-1 record,
 *                  written before the review store existed
 */
public record ReviewRaw(String jobId, Instant createdAt, String accountId, String locationId, String locationName,
                        String reviewId, Reviewer reviewer, int starRating, String comment, Instant createTime,
                        Instant updateTime, Reply reply, Instant fetchedAt, Instant expiresAt,
                        Attribution attribution, ReviewChange change) implements Event {

    /** Google's terms allow caching review content for 30 days. */
    public static final Duration RETENTION = Duration.ofDays(30);

    public ReviewRaw {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.requiredText(accountId, "account_id");
        Fields.requiredText(locationId, "location_id");
        Fields.required(locationName, "location_name");
        Fields.requiredText(reviewId, "review_id");
        Fields.required(reviewer, "reviewer");
        if (starRating < 1 || starRating > 5) {
            throw new EventFormatException("star_rating", "must be between 1 and 5");
        }
        Fields.timestamp(createTime, "create_time");
        Fields.timestamp(updateTime, "update_time");
        Fields.timestamp(fetchedAt, "fetched_at");
        Fields.timestamp(expiresAt, "expires_at");
        Fields.required(attribution, "attribution");
    }

    /** The same review, as {@code change} says it is to the version delivered before. */
    public ReviewRaw as(ReviewChange change) {
        return new ReviewRaw(jobId, createdAt, accountId, locationId, locationName, reviewId, reviewer, starRating, comment,
                createTime, updateTime, reply, fetchedAt, expiresAt, attribution, Fields.required(change, "change"));
    }

    /** Who wrote the review; Google fills name and photo only when {@code isAnonymous} is false. */
    public record Reviewer(String displayName, boolean isAnonymous, String profilePhotoUrl) {
    }

    public record Reply(String comment, Instant updateTime) {
        public Reply {
            Fields.required(comment, "comment");
            Fields.timestamp(updateTime, "update_time");
        }
    }

    /** What Google's terms require shown with the review. */
    public record Attribution(String source, String mapsUri) {
        public static final String GOOGLE = "Google";

        public Attribution {
            Fields.requiredText(source, "source");
        }
    }
}
