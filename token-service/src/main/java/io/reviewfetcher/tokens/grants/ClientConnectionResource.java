package io.reviewfetcher.tokens.grants;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.reviewfetcher.tokens.errors.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/credentials/clients/{client_id}}: whether a managed client exists, and whether it is connected,
 * for ingress-api, which must refuse a schedule for an unknown client but holds no admin key. Under the credentials key
 * (see ApiKeyFilter). The client id is the one a {@code client:<id>} reference carries; the answer holds no secret and
 * no token, only the id asked about and a flag.
 */
@Path("/api/v1/credentials/clients/{client_id}")
public class ClientConnectionResource {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ID_FORM = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final ManagedTokens tokens;

    public ClientConnectionResource(ManagedTokens tokens) {
        this.tokens = tokens;
    }

    /** @param connected a refresh token is held and the grant is valid: access tokens can be minted */
    public record ClientConnection(@JsonProperty("client_id") String clientId, boolean connected) {
    }

    /** 404 problem+json for no such client, as a {@code client:<id>} permit would get. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ClientConnection connection(@PathParam("client_id") String clientId) {
        if (!NUMBER.matcher(clientId).matches()) {
            // Clients are numbered: any other id names none (as PermitService answers for client:<id>). The id is
            // repeated only in the form a credential reference allows (an admin key reaches this with any path).
            throw new NotFoundException(ID_FORM.matcher(clientId).matches() ? "client " + clientId : "this client");
        }
        return new ClientConnection(clientId, tokens.connected(Long.parseLong(clientId)));
    }
}
