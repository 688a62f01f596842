package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 202 answer: the job is durable on fetch-accounts. Inside a {@code Response}, hence registered for reflection (native). */
@RegisterForReflection
@Schema(name = "SubmissionAccepted")
public record SubmissionAccepted(
        @JsonProperty("job_id") String jobId,
        @Schema(enumeration = "queued") String status,
        @Schema(description = "where to follow the job") @JsonProperty("status_url") String statusUrl) {

    public static SubmissionAccepted queued(String jobId) {
        return new SubmissionAccepted(jobId, "queued", ReviewFetchResource.PATH + "/" + jobId);
    }
}
