package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Account Management API v1 (mybusinessaccountmanagement.googleapis.com). */
@RegisterRestClient(configKey = "google-accounts")
@RegisterProvider(GoogleErrorMapper.class)
public interface GoogleAccountsApi {
    /** Google's maximum (and default) page size for accounts.list. */
    int MAX_PAGE_SIZE = 20;

    @GET
    @Path("/v1/accounts")
    Uni<GoogleDtos.AccountsPage> list(@HeaderParam("Authorization") String bearer, @QueryParam("pageSize") int pageSize,
                                      @QueryParam("pageToken") String pageToken);
}
