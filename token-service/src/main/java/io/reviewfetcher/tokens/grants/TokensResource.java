package io.reviewfetcher.tokens.grants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.reviewfetcher.support.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** {@code /tokens}: the grants of managed clients. Admin key required. */
@Path("/tokens")
public class TokensResource {

    private final ManagedTokens tokens;

    public TokensResource(ManagedTokens tokens) {
        this.tokens = tokens;
    }

    /** The answer that carries a token: only {@code validate} and {@code refresh}, where it is asked for. */
    public record ValidToken(
            @JsonProperty("is_valid") boolean valid,
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_at") Instant expiresAt,
            @JsonProperty("client_id") long clientId) {
        @Override
        public String toString() {
            return "ValidToken[clientId=" + clientId + ", expiresAt=" + expiresAt + "]";
        }
    }

    public record RefreshRequest(@JsonProperty("client_id") @NotNull @Positive Long clientId) {
    }

    /** A valid access token, refreshed first when it expires within 5 minutes; 409 when the business must reconnect. */
    @GET
    @Path("/validate/{client_id}")
    public ValidToken validate(@PathParam("client_id") long clientId) {
        ManagedTokens.Current current = tokens.valid(clientId);
        return new ValidToken(true, current.accessToken(), current.expiresAt(), clientId);
    }

    /** Refreshes now, whatever the expiry. */
    @POST
    @Path("/refresh")
    public ValidToken refresh(@Valid @NotNull RefreshRequest body) {
        ManagedTokens.Current current = tokens.refresh(body.clientId(), true);
        return new ValidToken(true, current.accessToken(), current.expiresAt(), body.clientId());
    }

    @GET
    @Path("/client/{client_id}")
    public TokenStatus status(@PathParam("client_id") long clientId) {
        return tokens.status(clientId);
    }

    /** Revokes the grant at Google and forgets the tokens. */
    @DELETE
    @Path("/{client_id}")
    public Response revoke(@PathParam("client_id") long clientId) {
        tokens.status(clientId); // 404 for an unknown client
        if (!tokens.revoke(clientId)) {
            throw ProblemException.notFound("a token of client " + clientId);
        }
        return Response.noContent().build();
    }
}
