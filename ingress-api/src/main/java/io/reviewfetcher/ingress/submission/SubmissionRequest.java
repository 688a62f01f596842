package io.reviewfetcher.ingress.submission;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.events.FetchMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /api/v1/review-fetch} (snake_case on the wire). Read by {@link SubmissionReader}
 * with a strict mapper outside Quarkus's own body handling, hence registered for reflection (native).
 */
@RegisterForReflection
@Schema(name = "SubmissionRequest", description = "One fetch job. The Google credential comes as "
        + "`Authorization: Bearer <access token>`, as `access_token`, or as `client_id` (credentials that "
        + "token-service manages; needs `X-API-Key`): exactly one of the three.")
public record SubmissionRequest(
        @Schema(description = "A Google OAuth access token with the business.manage scope; never stored in an event, log or answer",
                example = "ya29.a0Af...")
        String accessToken,
        @Schema(description = "A client whose Google grant token-service manages (letters, digits, _ and -)", example = "acme-reviews")
        String clientId,
        @Schema(description = "Bare account ids (`123`, not `accounts/123`) to narrow the job to; omit for every account")
        List<String> accountIds,
        @Schema(description = "Bare location ids to narrow the job to; omit for every location")
        List<String> locationIds,
        @Schema(description = "`full` (every review, the default) or `incremental`", defaultValue = "full")
        FetchMode mode) {

    @Override
    public String toString() {
        // Never the token: a record's default toString would put it in any log line that prints the request.
        return "SubmissionRequest[client_id=" + clientId + ", account_ids=" + accountIds + ", location_ids=" + locationIds
                + ", mode=" + mode + ", access_token=" + (accessToken == null ? "absent" : "present") + "]";
    }
}
