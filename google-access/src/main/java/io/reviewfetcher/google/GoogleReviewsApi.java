package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Google My Business API v4 (mybusiness.googleapis.com): reviews never moved to a v1 API. */
@RegisterRestClient(configKey = "google-reviews")
@RegisterProvider(GoogleErrorMapper.class)
public interface GoogleReviewsApi {
    int MAX_PAGE_SIZE = 50;

    /**
     * The v4 parent is {@code accounts/{a}/locations/{l}}: the v1 location name spliced onto its account.
     *
     * @param orderBy {@code rating} or {@code rating desc}; null leaves it out, for Google's default, updateTime desc
     */
    @GET
    @Path("/v4/accounts/{accountId}/locations/{locationId}/reviews")
    Uni<GoogleDtos.ReviewsPage> list(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
                                     @PathParam("locationId") String locationId, @QueryParam("pageSize") int pageSize,
                                     @QueryParam("pageToken") String pageToken, @QueryParam("orderBy") String orderBy);

    /** One review, by its v4 name: what a Google notification names. 404 when it is gone (or the location is not ours). */
    @GET
    @Path("/v4/accounts/{accountId}/locations/{locationId}/reviews/{reviewId}")
    Uni<GoogleDtos.Review> get(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
                               @PathParam("locationId") String locationId, @PathParam("reviewId") String reviewId);
}
