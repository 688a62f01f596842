package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.ingress.submission.Accepted;
import io.reviewfetcher.support.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer of a bulk call: one result per submitted item, in the order given. Registered for reflection (native). */
@RegisterForReflection
@Schema(name = "BulkResult")
public record BulkResult(
        @Schema(description = "items answered 202") long accepted,
        @Schema(description = "items refused") long rejected,
        List<Item> results) {

    /** One item's outcome: what a single submission would have answered. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "BulkItemResult")
    public record Item(
            @Schema(description = "position of the item in `submissions`") int index,
            @Schema(description = "the HTTP status a single submission would have had (202, 401, 400, 422, 429, 503)") int status,
            @JsonProperty("job_id") String jobId,
            @JsonProperty("status_url") String statusUrl,
            @Schema(description = "when the item's access token expires, as a single submission's 202 says")
            @JsonProperty("credential_expires_at") Instant credentialExpiresAt,
            @Schema(description = "as a single submission's 202") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
            @Schema(description = "why the item was refused") Problem problem) {

        static Item accepted(int index, Accepted job, Instant now) {
            SubmissionAccepted accepted = SubmissionAccepted.queued(job.jobId(), job.credentialExpiresAt(), now);
            return new Item(index, 202, job.jobId(), accepted.statusUrl(), accepted.credentialExpiresAt(), accepted.warnings(), null);
        }

        static Item refused(int index, Problem problem) {
            return new Item(index, problem.status(), null, null, null, null, problem);
        }
    }

    static BulkResult of(List<Item> items) {
        long accepted = items.stream().filter(i -> i.status() == 202).count();
        return new BulkResult(accepted, items.size() - accepted, items);
    }
}
