package io.reviewfetcher.ingress.credentials;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's {@code POST /api/v1/credentials}: it checks a submitted access token with Google's
 * tokeninfo (alive, business.manage scope) and keeps it, encrypted and expiring with it, behind a reference.
 * Base URL: {@code TOKEN_SERVICE_URL}.
 */
@RegisterRestClient(configKey = "token-service")
@Path("/api/v1/credentials")
public interface TokenServiceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CredentialResponse> keep(@HeaderParam("X-API-Key") String serviceKey, CredentialRequest request);

    @RegisterForReflection
    record CredentialRequest(String accessToken) {
        @Override
        public String toString() {
            return "CredentialRequest[redacted]";
        }
    }

    @RegisterForReflection
    record CredentialResponse(String credential) {
    }
}
