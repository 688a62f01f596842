package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The 202 answer: the job is durable on fetch-accounts. A job on a submitted access token also hears when the
 * token expires, and that its work not done by then will fail: Google access tokens live an hour at most and
 * cannot be renewed here. Inside a {@code Response}, hence registered for reflection (native).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "SubmissionAccepted")
public record SubmissionAccepted(
        @JsonProperty("job_id") String jobId,
        @Schema(enumeration = "queued") String status,
        @Schema(description = "where to follow the job") @JsonProperty("status_url") String statusUrl,
        @Schema(description = "when the submitted access token expires (absent for client_id jobs): work not done by then "
                + "is dead-lettered as \"access token expired\"")
        @JsonProperty("credential_expires_at") Instant credentialExpiresAt,
        @Schema(description = "what the submitter should know about the job, e.g. its token's remaining lifetime")
        List<String> warnings) {

    public static SubmissionAccepted queued(String jobId, Instant credentialExpiresAt, Instant now) {
        List<String> warnings = credentialExpiresAt == null ? List.of() : List.of(expiryWarning(credentialExpiresAt, now));
        return new SubmissionAccepted(jobId, "queued", ReviewFetchResource.PATH + "/" + jobId, credentialExpiresAt, warnings);
    }

    private static String expiryWarning(Instant expiresAt, Instant now) {
        long minutes = Duration.between(now, expiresAt).toMinutes();
        String left = minutes < 1 ? "in less than a minute" : minutes == 1 ? "in 1 minute" : "in " + minutes + " minutes";
        return "the access token expires at " + expiresAt + " (" + left + "): work of this job not done by then fails with "
                + "\"access token expired\"; for a longer job, submit it with a managed client (client_id), whose tokens "
                + "are refreshed";
    }
}
