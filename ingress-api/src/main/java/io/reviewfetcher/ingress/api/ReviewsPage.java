package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.store.ReviewStore;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/reviews}: a page of a location's reviews as the review store keeps them. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ReviewsPage")
public record ReviewsPage(
        @Schema(description = "the location's live reviews (neither deleted on Google nor past expires_at), by update_time, then review_id")
        List<Review> reviews,
        @Schema(description = "pass as cursor for the next page; null on the last page", nullable = true)
        @JsonProperty("next_cursor") String nextCursor) {

    static ReviewsPage of(ReviewStore.ReviewPage page) {
        return new ReviewsPage(page.reviews().stream().map(Review::of).toList(), page.nextCursor());
    }

    /** The latest version of one review: our fields, and the review as Google sent it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "StoredReview")
    public record Review(
            @JsonProperty("location_id") String locationId,
            @JsonProperty("review_id") String reviewId,
            @JsonProperty("account_id") String accountId,
            @Schema(minimum = "1", maximum = "5") @JsonProperty("star_rating") int starRating,
            @JsonProperty("create_time") Instant createTime,
            @JsonProperty("update_time") Instant updateTime,
            @Schema(description = "when this version was last fetched from Google") @JsonProperty("fetched_at") Instant fetchedAt,
            @Schema(description = "fetched_at + 30 days (Google's caching limit): the review leaves the store then unless fetched again")
            @JsonProperty("expires_at") Instant expiresAt,
            @Schema(description = "the job that last met the review") @JsonProperty("last_job_id") String lastJobId,
            // Embedded as it is: PostgreSQL's jsonb always gives valid JSON, so it needs no parsing and writing again.
            @Schema(type = SchemaType.OBJECT, description = "the review as Google's reviews.list answered it (Google's field names)")
            @JsonRawValue String google) {

        static Review of(ReviewStore.StoredReview stored) {
            return new Review(stored.locationId(), stored.reviewId(), stored.accountId(), stored.starRating(), stored.createTime(),
                    stored.updateTime(), stored.fetchedAt(), stored.expiresAt(), stored.lastJob(), stored.googleJson());
        }
    }
}
