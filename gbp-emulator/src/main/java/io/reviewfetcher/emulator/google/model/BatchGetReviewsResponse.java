package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** batchGetReviews response: {@code name} is the LOCATION's name, not the review's. Serialised by hand. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BatchGetReviewsResponse(List<LocationReview> locationReviews, String nextPageToken) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LocationReview(String name, ReviewJson review) {
    }
}
