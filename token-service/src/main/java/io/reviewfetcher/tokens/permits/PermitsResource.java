package io.reviewfetcher.tokens.permits;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.reviewfetcher.support.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/permits}: ask before every Google call. 200 = make the call with this token;
 * 429 = wait {@code retry_after_ms} (a token is reserved for you meanwhile), then ask again.
 * Fairness is per caller: {@code X-Caller-Id} (e.g. the pod name) when sent, else the credential.
 */
@Path("/api/v1/permits")
public class PermitsResource {

    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final PermitService permits;

    public PermitsResource(PermitService permits) {
        this.permits = permits;
    }

    /**
     * @param tokenRejected true when Google refused the token of the previous permit (401): a managed
     *                      client's token is then refreshed (once, however many callers report it), a
     *                      submitted token is checked with Google and forgotten when dead (401)
     */
    public record PermitRequest(@NotBlank String credential, @JsonProperty("token_rejected") Boolean tokenRejected) {
        @Override
        public String toString() {
            return "PermitRequest[]";
        }
    }

    public record PermitResponse(@JsonProperty("access_token") String accessToken,
                                 @JsonProperty("expires_at") Instant expiresAt) {
        @Override
        public String toString() {
            return "PermitResponse[expiresAt=" + expiresAt + "]";
        }
    }

    @POST
    public PermitResponse take(@Valid @NotNull PermitRequest body, @HeaderParam("X-Caller-Id") String callerId) {
        if (callerId != null && !CALLER_ID.matcher(callerId).matches()) {
            throw ProblemException.badRequest("X-Caller-Id", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        PermitService.Permit permit = permits.take(body.credential(), callerId, Boolean.TRUE.equals(body.tokenRejected()));
        return new PermitResponse(permit.accessToken(), permit.expiresAt());
    }
}
