package io.reviewfetcher.tokenservice;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's service API ({@code TOKEN_SERVICE_URL}). Its error answers arrive as the typed failures of
 * {@link TokenServiceErrors}. Used through {@link TokenService}, which adds timeouts, retries and a circuit
 * breaker.
 */
@RegisterRestClient(configKey = "token-service")
@RegisterProvider(TokenServiceErrors.class)
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TokenServiceApi {

    /** One permit = one Google call, with the access token to make it. */
    @POST
    @Path("/permits")
    Uni<Permit> permit(@HeaderParam("X-API-Key") String serviceKey, @HeaderParam("X-Caller-Id") String callerId,
                       PermitRequest request);

    /** Checks a submitted access token with Google's tokeninfo and keeps it behind a {@code cred:…} reference. */
    @POST
    @Path("/credentials")
    Uni<CredentialResponse> keepCredential(@HeaderParam("X-API-Key") String serviceKey, CredentialRequest request);

    /**
     * Whether token-service has this managed client (the id of a {@code client:<id>} reference), and whether it is
     * connected; an unknown client is 404 ({@link io.reviewfetcher.failures.CredentialRejected} with status 404).
     * Takes the same key as {@link #keepCredential}.
     */
    @GET
    @Path("/credentials/clients/{client_id}")
    Uni<ClientConnection> clientConnection(@HeaderParam("X-API-Key") String serviceKey, @PathParam("client_id") String clientId);

    /** @param tokenRejected Google refused the previous permit's token (401): token-service refreshes or rechecks it */
    @RegisterForReflection
    record PermitRequest(String credential, @JsonProperty("token_rejected") boolean tokenRejected) {
    }

    /** The access token is a secret: this record's toString() must never print it. */
    @RegisterForReflection
    record Permit(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_at") String expiresAt) {
        @Override
        public String toString() {
            return "Permit[expires_at=" + expiresAt + "]";
        }
    }

    @RegisterForReflection
    record CredentialRequest(@JsonProperty("access_token") String accessToken) {
        @Override
        public String toString() {
            return "CredentialRequest[redacted]";
        }
    }

    /** @param connected token-service holds a valid grant with a refresh token: it can mint the client's access tokens */
    @RegisterForReflection
    record ClientConnection(@JsonProperty("client_id") String clientId, boolean connected) {
    }

    /** @param expiresAt when the kept token expires (ISO-8601): no job can use it after that */
    @RegisterForReflection
    record CredentialResponse(String credential, @JsonProperty("expires_at") String expiresAt) {
    }
}
