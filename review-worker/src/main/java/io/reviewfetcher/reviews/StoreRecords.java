package io.reviewfetcher.reviews;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.store.ReviewStore;

/**
 * A review as the review store keeps it: the fields it indexes, from the validated review, and the review as Google
 * sent it in Google's field names (proto3 JSON: what is unset is left out). The JSON is what the pipeline reads of
 * Google's review ({@link GoogleDtos.Review}); fields it does not read are not kept.
 */
final class StoreRecords {
    private static final ObjectMapper GOOGLE_JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private StoreRecords() {
    }

    static ReviewStore.Incoming incoming(ReviewRaw valid, GoogleDtos.Review google) {
        return new ReviewStore.Incoming(valid.reviewId(), valid.createTime(), valid.updateTime(), valid.starRating(),
                googleJson(google));
    }

    static String googleJson(GoogleDtos.Review google) {
        try {
            return GOOGLE_JSON.writeValueAsString(google);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Google review as JSON", e);
        }
    }
}
