package io.reviewfetcher.reviews;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.store.ReviewStore;

/** A validated review as the review store keeps it: our fields beside Google's JSON, as this worker read it. */
final class StoredReviews {
    /** Google's JSON names are the DTO's component names; nothing to configure. */
    private static final ObjectMapper GOOGLE_JSON = new ObjectMapper();

    private StoredReviews() {
    }

    static ReviewStore.Incoming incoming(ReviewRaw review, GoogleDtos.Review google) {
        try {
            return new ReviewStore.Incoming(review.reviewId(), review.createTime(), review.updateTime(), review.starRating(),
                    GOOGLE_JSON.writeValueAsString(google));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Google review DTO that Jackson cannot write", e);
        }
    }
}
