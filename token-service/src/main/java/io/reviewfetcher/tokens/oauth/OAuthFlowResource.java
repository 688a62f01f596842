package io.reviewfetcher.tokens.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;

/**
 * The OAuth flow's HTTP side ({@link OAuthFlow} does the work): {@code start}/{@code login} (admin key) begin
 * an authorization; {@code /auth/callback} (open: the user's browser arrives from Google) completes it.
 */
@Path("/")
public class OAuthFlowResource {

    private final OAuthFlow flow;

    public OAuthFlowResource(OAuthFlow flow) {
        this.flow = flow;
    }

    public record AuthorizationStart(@JsonProperty("auth_url") String authUrl, String state,
                                     @JsonProperty("expires_at") Instant expiresAt) {
    }

    public record CallbackResult(boolean success, String message, @JsonProperty("client_id") long clientId,
                                 @JsonProperty("expires_at") Instant expiresAt,
                                 @JsonProperty("has_refresh_token") boolean hasRefreshToken) {
    }

    @GET
    @Path("oauth/start/{client_id}")
    public AuthorizationStart start(@PathParam("client_id") long clientId) {
        OAuthFlow.Authorization authorization = flow.begin(clientId);
        return new AuthorizationStart(authorization.url(), authorization.state(), authorization.expiresAt());
    }

    /** The same, as a redirect for a browser. */
    @GET
    @Path("oauth/login/{client_id}")
    public Response login(@PathParam("client_id") long clientId) {
        return Response.status(302).location(URI.create(flow.begin(clientId).url())).build();
    }

    @GET
    @Path("auth/callback")
    public CallbackResult callback(@QueryParam("code") String code, @QueryParam("state") String state,
                                   @QueryParam("error") String error) {
        OAuthFlow.Connected connected = flow.complete(code, state, error);
        return new CallbackResult(true, "OAuth flow completed; token-service now keeps this client's tokens",
                connected.clientId(), connected.expiresAt(), connected.hasRefreshToken());
    }
}
