package io.reviewfetcher.tokens.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * {@code POST /api/v1/credentials}: keeps a job submitter's own access token so that events carry only a
 * reference. Google's tokeninfo tells whether the token is alive, its scope and how long it lives;
 * the kept copy expires with it.
 */
@Path("/api/v1/credentials")
public class CredentialsResource {

    private final SubmittedCredentials credentials;

    public CredentialsResource(SubmittedCredentials credentials) {
        this.credentials = credentials;
    }

    public record CredentialRequest(
            @JsonProperty("access_token") @NotBlank @Size(max = 4096, message = "must be at most 4096 characters")
            @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII without spaces")
            String accessToken) {
        @Override
        public String toString() {
            return "CredentialRequest[]";
        }
    }

    public record CredentialResponse(String credential, @JsonProperty("expires_at") Instant expiresAt) {
    }

    @POST
    public Response keep(@Valid @NotNull CredentialRequest body) {
        SubmittedCredentials.Kept kept = credentials.submit(body.accessToken());
        return Response.status(201).entity(new CredentialResponse(kept.credential(), kept.expiresAt())).build();
    }
}
