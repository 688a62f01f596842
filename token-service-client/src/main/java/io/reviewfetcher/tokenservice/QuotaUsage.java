package io.reviewfetcher.tokenservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * token-service's {@code GET /admin/quota}: one permit = one Google call, counted on Redis's clock.
 *
 * @param quotaPerMinute the Google project's quota ({@code QUOTA_QPM})
 * @param windowSeconds  the span of {@code permitsLast60s}: 60
 * @param permitsLast60s permits granted in the last 60 whole seconds, the current one included
 * @param bucketLevel    tokens in the shared bucket; negative while tokens are promised to waiting callers
 * @param bucketCapacity the bucket's size
 * @param measuredAt     Redis's time of the reading
 * @param perMinute      the last 60 minutes, oldest first, the current (partial) one last
 */
@RegisterForReflection
public record QuotaUsage(
        @JsonProperty("quota_per_minute") int quotaPerMinute,
        @JsonProperty("window_seconds") int windowSeconds,
        @JsonProperty("permits_last_60s") long permitsLast60s,
        @JsonProperty("bucket_level") double bucketLevel,
        @JsonProperty("bucket_capacity") long bucketCapacity,
        @JsonProperty("measured_at") Instant measuredAt,
        @JsonProperty("per_minute") List<Minute> perMinute) {

    /** @param minute the minute's start */
    @RegisterForReflection
    public record Minute(@JsonProperty("minute") Instant minute, @JsonProperty("permits") long permits) {
    }
}
