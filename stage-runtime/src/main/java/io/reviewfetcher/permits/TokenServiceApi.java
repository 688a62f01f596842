package io.reviewfetcher.permits;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** token-service's permit endpoint: one permit = one Google call, with the access token to make it. */
@RegisterRestClient(configKey = "token-service")
@RegisterProvider(PermitErrorMapper.class)
public interface TokenServiceApi {

    @POST
    @Path("/api/v1/permits")
    Uni<Permit> permit(@HeaderParam("X-API-Key") String serviceApiKey, @HeaderParam("X-Caller-Id") String callerId,
                       PermitRequest request);

    /** @param token_rejected Google refused the previous permit's token (401): token-service refreshes or rechecks it */
    @RegisterForReflection
    record PermitRequest(String credential, boolean token_rejected) {
    }

    /** The access token is a secret: this record's toString() must never print it. */
    @RegisterForReflection
    record Permit(String access_token, String expires_at) {
        @Override
        public String toString() {
            return "Permit[expires_at=" + expires_at + "]";
        }
    }
}
