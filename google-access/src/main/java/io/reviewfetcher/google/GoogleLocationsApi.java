package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Business Information API v1 (mybusinessbusinessinformation.googleapis.com). */
@RegisterRestClient(configKey = "google-locations")
@RegisterProvider(GoogleErrorMapper.class)
public interface GoogleLocationsApi {
    int MAX_PAGE_SIZE = 100;
    /** readMask is required; only what the pipeline uses: the id, the title and the Maps link. */
    String READ_MASK = "name,title,metadata";

    @GET
    @Path("/v1/accounts/{accountId}/locations")
    Uni<GoogleDtos.LocationsPage> list(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
                                       @QueryParam("readMask") String readMask, @QueryParam("pageSize") int pageSize,
                                       @QueryParam("pageToken") String pageToken);
}
