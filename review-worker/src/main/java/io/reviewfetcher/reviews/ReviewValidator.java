package io.reviewfetcher.reviews;

import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleDtos.Review;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Turns one Google review into the contract's {@code reviews-raw} record, or says why it cannot: an id, a
 * star rating of ONE to FIVE, RFC 3339 create and update times and a reviewer are required; a comment is
 * not (rating-only reviews have none). A reply with a comment needs its update time. A reply without a
 * comment (Google's reply moderation leaves one) is left out: the review is delivered with {@code reply} null,
 * as Google shows it and as every consumer already reads a review nobody answered; an empty comment would
 * be a reply no consumer can show. Every time must lie in the contract's range (years 2000 to 2199), or the
 * review is invalid on its own.
 */
final class ReviewValidator {
    private static final Map<String, Integer> STARS = Map.of("ONE", 1, "TWO", 2, "THREE", 3, "FOUR", 4, "FIVE", 5);

    /** The outcome for one review: exactly one of {@code review} and {@code problem} is set. */
    record Checked(String reviewId, ReviewRaw review, String problem) {
    }

    private ReviewValidator() {
    }

    /** Where a review was met: its job, and the location it is delivered as a review of. */
    record Origin(String jobId, String accountId, String locationId, String locationName, String mapsUri) {
        static Origin of(FetchReviews page) {
            return new Origin(page.jobId(), page.accountId(), page.locationId(), page.locationName(), page.mapsUri());
        }
    }

    static Checked check(Review google, FetchReviews page, Instant fetchedAt) {
        return check(google, Origin.of(page), fetchedAt);
    }

    static Checked check(Review google, Origin page, Instant fetchedAt) {
        String reviewId = google.reviewId() != null && !google.reviewId().isBlank() ? google.reviewId()
                : google.name() != null ? GoogleDtos.idOf(google.name()) : null;
        if (reviewId == null || reviewId.isBlank()) {
            return new Checked("unknown", null, "no reviewId or name");
        }
        Integer stars = STARS.get(google.starRating());
        if (stars == null) {
            return invalid(reviewId, "starRating " + google.starRating() + " is not ONE to FIVE");
        }
        if (google.reviewer() == null) {
            return invalid(reviewId, "no reviewer");
        }
        Instant created = timestamp(google.createTime());
        Instant updated = timestamp(google.updateTime());
        if (created == null || updated == null) {
            return invalid(reviewId, "createTime/updateTime missing or not RFC 3339");
        }
        ReviewRaw.Reply reply = null;
        if (google.reviewReply() != null && google.reviewReply().comment() != null) {
            Instant repliedAt = timestamp(google.reviewReply().updateTime());
            if (repliedAt == null) {
                return invalid(reviewId, "reviewReply updateTime missing or not RFC 3339");
            }
            try {
                reply = new ReviewRaw.Reply(google.reviewReply().comment(), repliedAt);
            } catch (EventFormatException outsideTheContract) {
                return invalid(reviewId, "reply." + outsideTheContract.getMessage());
            }
        }
        GoogleDtos.Reviewer reviewer = google.reviewer();
        try {
            return new Checked(reviewId, new ReviewRaw(page.jobId(), fetchedAt, page.accountId(), page.locationId(),
                    page.locationName(), reviewId,
                    new ReviewRaw.Reviewer(reviewer.displayName(), Boolean.TRUE.equals(reviewer.isAnonymous()), reviewer.profilePhotoUrl()),
                    stars, google.comment(), created, updated, reply, fetchedAt, fetchedAt.plus(ReviewRaw.RETENTION),
                    new ReviewRaw.Attribution(ReviewRaw.Attribution.GOOGLE, page.mapsUri()), null), null);
        } catch (EventFormatException outsideTheContract) {
            // A value Google may send but the contract refuses (a time outside its range): this review alone is
            // invalid; thrown, it would fail the whole page. The message names the field, not the value.
            return invalid(reviewId, outsideTheContract.getMessage());
        }
    }

    private static Checked invalid(String reviewId, String problem) {
        return new Checked(reviewId, null, problem);
    }

    /** An RFC 3339 time, or null when there is none or it is not one. */
    static Instant timestamp(String rfc3339) {
        if (rfc3339 == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
