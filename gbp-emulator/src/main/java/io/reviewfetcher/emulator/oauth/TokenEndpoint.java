package io.reviewfetcher.emulator.oauth;

import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.stats.CallStats;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * oauth2.googleapis.com: {@code /token} (authorization_code and refresh_token grants, client
 * authentication by form fields or HTTP Basic), {@code /tokeninfo} and {@code /revoke}.
 * These do not count against the API quota.
 */
@Path("/")
public class TokenEndpoint {

    private final OAuthClients clients;
    private final TokenStore tokens;
    private final CallStats stats;
    private final FaultState faults;

    public TokenEndpoint(OAuthClients clients, TokenStore tokens, CallStats stats, FaultState faults) {
        this.clients = clients;
        this.tokens = tokens;
        this.stats = stats;
        this.faults = faults;
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
        return answer("oauth.token", () -> {
            int injected = faults.current().rollError("oauth.token", true);
            if (injected != 0) {
                throw new OAuthException(injected, injected == 503 ? "temporarily_unavailable" : "internal_failure",
                        "Backend Error");
            }
            String grantType = form.getFirst("grant_type");
            if (grantType == null) {
                throw OAuthException.invalidRequest("Missing required parameter: grant_type");
            }
            if (!grantType.equals("authorization_code") && !grantType.equals("refresh_token")) {
                throw new OAuthException(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
            }
            OAuthClients.Client client = authenticateClient(form, authorization);
            if (grantType.equals("authorization_code")) {
                if (form.getFirst("code") == null) {
                    throw OAuthException.invalidRequest("Missing required parameter: code");
                }
                if (form.getFirst("redirect_uri") == null) {
                    throw OAuthException.invalidRequest("Missing parameter: redirect_uri");
                }
                return tokens.exchangeCode(client.id(), form.getFirst("code"), form.getFirst("redirect_uri"),
                        form.getFirst("code_verifier"));
            }
            if (form.getFirst("refresh_token") == null) {
                throw OAuthException.invalidRequest("Missing required parameter: refresh_token");
            }
            return tokens.refresh(client.id(), form.getFirst("refresh_token"));
        });
    }

    /** The token from {@code ?access_token=}, or an {@code Authorization: Bearer} header as Google's own clients send it. */
    @GET
    @Path("tokeninfo")
    public Response tokenInfo(@QueryParam("access_token") String accessToken,
                              @HeaderParam("Authorization") String authorization) {
        return answer("oauth.tokeninfo", () -> info(accessToken != null ? accessToken : bearer(authorization)));
    }

    /** As the GET, the form's {@code access_token} too (google-auth-library posts an empty form with the header). */
    @POST
    @Path("tokeninfo")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response tokenInfoPost(MultivaluedMap<String, String> form, @QueryParam("access_token") String query,
                                  @HeaderParam("Authorization") String authorization) {
        String formToken = form == null ? null : form.getFirst("access_token");
        return answer("oauth.tokeninfo", () -> info(query != null ? query : formToken != null ? formToken : bearer(authorization)));
    }

    @POST
    @Path("revoke")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    public Response revokePost(@QueryParam("token") String query, MultivaluedMap<String, String> form) {
        String token = query != null ? query : form == null ? null : form.getFirst("token");
        return answer("oauth.revoke", () -> revoke(token));
    }

    @GET
    @Path("revoke")
    public Response revokeGet(@QueryParam("token") String token) {
        return answer("oauth.revoke", () -> revoke(token));
    }

    private Object revoke(String token) {
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("Missing required parameter: token");
        }
        if (!tokens.revoke(token)) {
            throw new OAuthException(400, "invalid_token", "Token expired or revoked");
        }
        return new MultivaluedHashMap<String, String>();
    }

    private OAuthJson.TokenInfo info(String accessToken) {
        TokenStore.AccessToken token = tokens.valid(accessToken)
                .orElseThrow(() -> new OAuthException(400, "invalid_token", "Invalid Value"));
        TokenStore.Grant grant = token.grant();
        boolean email = grant.scope().contains("email");
        return new OAuthJson.TokenInfo(grant.clientId(), grant.clientId(), grant.userId(), grant.scope(),
                Long.toString(token.expiresAt().getEpochSecond()), Long.toString(tokens.expiresInSeconds(token)),
                email ? DemoUser.EMAIL : null, email ? "true" : null, grant.offline() ? "offline" : "online");
    }

    /** The token of an {@code Authorization: Bearer} header; null for none or another scheme. */
    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
    }

    /** Client id and secret from HTTP Basic or the form (client_secret_post). */
    private OAuthClients.Client authenticateClient(MultivaluedMap<String, String> form, String authorization) {
        String id = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    id = decoded.substring(0, colon);
                    secret = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // falls through to the form fields, as a malformed header carries no identity
            }
        }
        if (id == null) {
            throw OAuthException.invalidRequest("Could not determine client ID from request.");
        }
        OAuthClients.Client client = clients.find(id)
                .orElseThrow(() -> new OAuthException(401, "invalid_client", "The OAuth client was not found."));
        if (secret == null || !secret.equals(client.secret())) {
            throw new OAuthException(401, "invalid_client", "Unauthorized");
        }
        return client;
    }

    private Response answer(String endpoint, Supplier<Object> body) {
        Response response;
        try {
            Object entity = body.get();
            response = Response.ok(entity instanceof MultivaluedMap<?, ?> ? "{}" : entity, MediaType.APPLICATION_JSON_TYPE)
                    .build();
        } catch (OAuthException e) {
            response = Response.status(e.httpStatus()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuthJson.Error(e.error(), e.description())).build();
        }
        stats.record(endpoint, response.getStatus());
        return Response.fromResponse(response)
                .header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                .header("Pragma", "no-cache")
                .build();
    }
}
