package io.reviewfetcher.tokenservice;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's admin reads, for the operator console: the same base URL as {@link TokenServiceApi}
 * ({@code TOKEN_SERVICE_URL}), the operators' key instead of a service key. An error answer arrives as the REST
 * client's own {@code WebApplicationException} with its status (401: the admin key was refused; 503: token-service's
 * Redis did not answer): {@link TokenServiceErrors} speaks of a service's key and of credentials, which this is not.
 */
@RegisterRestClient(configKey = "token-service")
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public interface TokenServiceAdminApi {

    /** Google calls (permits granted) in the last 60 s against the quota, and per minute over the last hour. */
    @GET
    @Path("/quota")
    Uni<QuotaUsage> quota(@HeaderParam("X-API-Key") String adminKey);
}
