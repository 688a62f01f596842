package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** reviews.list response; serialised by hand into cached pages, hence registered for reflection. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListReviewsResponse(List<ReviewJson> reviews, Double averageRating, Integer totalReviewCount,
                                  String nextPageToken) {
}
