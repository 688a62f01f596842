package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Google My Business API v4's {@code batchGetReviews}: the reviews of up to 50 locations of one account in one call,
 * newest first across them. On the reviews host ({@code google-reviews}); an interface of its own so that the
 * reviews.list client and its test doubles stay as they are.
 */
@RegisterRestClient(configKey = "google-reviews")
@RegisterProvider(GoogleErrorMapper.class)
public interface GoogleBatchReviewsApi {
    /** The colon belongs to the path (gRPC transcoding's custom verb), not to a template. */
    @POST
    @Path("/v4/accounts/{accountId}/locations:batchGetReviews")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GoogleDtos.BatchReviewsPage> batchGet(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
                                              GoogleDtos.BatchGetReviewsRequest request);
}
