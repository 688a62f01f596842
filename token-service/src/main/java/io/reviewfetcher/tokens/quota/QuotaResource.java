package io.reviewfetcher.tokens.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.support.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/quota}: Google calls (= permits granted) in the last 60 s against the quota, and per minute
 * over the last hour, for the operator console. Admin key required (every path the filter does not name is an
 * admin path).
 */
@Path("/admin/quota")
public class QuotaResource {

    /** The span of {@code permits_last_60s}: Google's quota window. */
    static final int WINDOW_SECONDS = 60;

    private final PermitHistory history;

    public QuotaResource(PermitHistory history) {
        this.history = history;
    }

    /**
     * @param bucketLevel    tokens in the shared bucket now; negative while tokens are promised to waiting callers
     * @param bucketCapacity the bucket's size: the burst a quiet system allows
     */
    @RegisterForReflection
    public record QuotaUsage(
            @JsonProperty("quota_per_minute") int quotaPerMinute,
            @JsonProperty("window_seconds") int windowSeconds,
            @JsonProperty("permits_last_60s") long permitsLast60s,
            @JsonProperty("bucket_level") double bucketLevel,
            @JsonProperty("bucket_capacity") long bucketCapacity,
            @JsonProperty("measured_at") Instant measuredAt,
            @JsonProperty("per_minute") List<MinutePermits> perMinute) {
    }

    @RegisterForReflection
    public record MinutePermits(@JsonProperty("minute") Instant minute, @JsonProperty("permits") long permits) {
    }

    @GET
    public QuotaUsage usage() {
        PermitHistory.Reading reading;
        try {
            reading = history.read();
        } catch (QuotaUnavailableException e) {
            throw ProblemException.unavailable("the quota store (Redis) did not answer; try again shortly", Duration.ofSeconds(1));
        }
        QuotaPlan plan = history.plan();
        return new QuotaUsage(plan.quota(), WINDOW_SECONDS, reading.permitsLast60s(), reading.bucketLevel(), plan.capacity(),
                reading.measuredAt(), reading.perMinute().stream().map(m -> new MinutePermits(m.minute(), m.permits())).toList());
    }
}
