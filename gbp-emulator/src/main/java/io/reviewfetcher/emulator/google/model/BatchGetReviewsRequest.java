package io.reviewfetcher.emulator.google.model;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** batchGetReviews body; read by the emulator's strict reader (not by JAX-RS), hence registered. */
@RegisterForReflection
public record BatchGetReviewsRequest(List<String> locationNames, Integer pageSize, String pageToken, String orderBy,
                                     Boolean ignoreRatingOnlyReviews) {
}
