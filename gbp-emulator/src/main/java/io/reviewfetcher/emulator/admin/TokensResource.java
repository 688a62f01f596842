package io.reviewfetcher.emulator.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.emulator.oauth.OAuthClients;
import io.reviewfetcher.emulator.oauth.OAuthJson;
import io.reviewfetcher.emulator.oauth.Scopes;
import io.reviewfetcher.emulator.oauth.TokenStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.Path;

/**
 * Mints an access and refresh token for the demo user and the demo client, as if the user had just
 * consented in a browser. Scripts and tests use it to skip the redirect dance.
 */
@Path("/emulator/tokens")
public class TokensResource {

    /**
     * Optional body: another scope (e.g. one without business.manage, to provoke 403s). Read by hand
     * so that a bare POST without Content-Type works; hence registered for native reflection.
     */
    @RegisterForReflection
    public record MintRequest(String scope) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Minted(@JsonProperty("access_token") String accessToken,
                         @JsonProperty("expires_in") long expiresIn,
                         @JsonProperty("refresh_token") String refreshToken,
                         @JsonProperty("scope") String scope,
                         @JsonProperty("token_type") String tokenType,
                         @JsonProperty("client_id") String clientId) {
    }

    private final TokenStore tokens;
    private final OAuthClients clients;
    private final ObjectMapper mapper;

    public TokensResource(TokenStore tokens, OAuthClients clients, ObjectMapper mapper) {
        this.tokens = tokens;
        this.clients = clients;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Minted mint(String body) throws JsonProcessingException {
        MintRequest request = body == null || body.isBlank() ? null : mapper.readValue(body, MintRequest.class);
        String scope = request == null || request.scope() == null ? Scopes.BUSINESS_MANAGE : request.scope();
        OAuthJson.TokenResponse t = tokens.mint(clients.demo().id(), scope);
        return new Minted(t.accessToken(), t.expiresIn(), t.refreshToken(), t.scope(), t.tokenType(), clients.demo().id());
    }
}
