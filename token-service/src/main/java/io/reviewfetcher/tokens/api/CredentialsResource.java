package io.reviewfetcher.tokens.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.credentials.SubmittedCredentials;
import io.reviewfetcher.tokens.google.GoogleOAuth;
import io.reviewfetcher.tokens.google.GoogleOAuthException;
import io.reviewfetcher.tokens.web.Problem;
import io.reviewfetcher.tokens.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Arrays;

/**
 * {@code POST /api/v1/credentials}: keeps a job submitter's own access token so that events carry only a
 * reference. Google's tokeninfo tells whether the token is alive, its scope and how long it lives;
 * the kept copy expires with it.
 */
@Path("/api/v1/credentials")
public class CredentialsResource {

    private final SubmittedCredentials credentials;
    private final GoogleOAuth google;
    private final String requiredScope;

    public CredentialsResource(SubmittedCredentials credentials, GoogleOAuth google, TokenServiceConfig config) {
        this.credentials = credentials;
        this.google = google;
        this.requiredScope = config.oauth().scope();
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
        GoogleOAuth.TokenInfo info;
        try {
            info = google.tokenInfo(body.accessToken());
        } catch (GoogleOAuthException e) {
            if (e.isTransient()) {
                throw ProblemException.unavailable("Google's tokeninfo endpoint failed; try again shortly");
            }
            throw new ProblemException(Problem.of(401, "invalid-access-token", "Invalid access token",
                    "Google does not accept this access token (invalid, expired or revoked)"));
        }
        if (info.expiresInSeconds() <= 0) {
            throw new ProblemException(Problem.of(401, "invalid-access-token", "Invalid access token", "the access token has expired"));
        }
        if (Arrays.stream(info.scope().split(" ")).noneMatch(requiredScope::equals)) {
            throw new ProblemException(Problem.of(401, "insufficient-scope", "Insufficient scope",
                    "the access token was not granted " + requiredScope));
        }
        Instant expiresAt = Instant.now().plusSeconds(info.expiresInSeconds());
        String ref;
        try {
            ref = credentials.keep(body.accessToken(), expiresAt);
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("the credential store (Redis) is unavailable");
        }
        Log.debugf("Kept a submitted access token as %s until %s", ref, expiresAt);
        return Response.status(201).entity(new CredentialResponse(ref, expiresAt)).build();
    }
}
