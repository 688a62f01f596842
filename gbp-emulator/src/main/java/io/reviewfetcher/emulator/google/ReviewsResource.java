package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.LocationReviews;
import io.reviewfetcher.emulator.data.Review;
import io.reviewfetcher.emulator.data.ReviewOrder;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.google.model.ReviewJson;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/** Google My Business API v4: accounts.locations.reviews list and get. */
@Path("/v4/accounts/{accountId}/locations/{locationId}/reviews")
public class ReviewsResource {

    static final int MAX_PAGE_SIZE = 50;

    private final GoogleApiGate gate;
    private final LocationAccess access;
    private final DataSet data;
    private final RequestParams params;
    private final PageTokens pageTokens;
    private final ReviewPages pages;
    private final FaultState faults;
    private final GoogleErrors errors;
    private final GoogleJson json;

    public ReviewsResource(GoogleApiGate gate, LocationAccess access, DataSet data, RequestParams params,
                           PageTokens pageTokens, ReviewPages pages, FaultState faults, GoogleErrors errors,
                           GoogleJson json) {
        this.gate = gate;
        this.access = access;
        this.data = data;
        this.params = params;
        this.pageTokens = pageTokens;
        this.pages = pages;
        this.faults = faults;
        this.errors = errors;
        this.json = json;
    }

    @GET
    public Uni<Response> list(@PathParam("accountId") String accountId, @PathParam("locationId") String locationId,
                              @QueryParam("pageSize") String pageSize, @QueryParam("pageToken") String pageToken,
                              @QueryParam("orderBy") String orderBy,
                              @HeaderParam("Authorization") String authorization,
                              @QueryParam("access_token") String accessToken,
                              @QueryParam("oauth_token") String oauthToken) {
        return gate.serve(GoogleEndpoint.REVIEWS_LIST, "accounts/" + accountId + "/locations/" + locationId, pageToken,
                authorization, accessToken != null ? accessToken : oauthToken, () -> {
            int size = faults.current().pageSize(GoogleEndpoint.REVIEWS_LIST.id, params.pageSize(pageSize, MAX_PAGE_SIZE, MAX_PAGE_SIZE));
            ReviewOrder order = params.reviewOrder(orderBy);
            LocationAccess.Reached reached = access.location(accountId, locationId, true);
            LocationReviews snapshot = data.reviews(locationId);
            int offset = 0;
            if (pageToken != null && !pageToken.isEmpty()) {
                offset = pageTokens.decode(ReviewPages.query(reached, order), pageToken)
                        .orElseThrow(() -> errors.invalidArgument("page_token", "Invalid page token."))
                        .offset();
            }
            return pages.page(reached, snapshot, order, size, offset, faults.current());
        });
    }

    @GET
    @Path("{reviewId}")
    public Uni<Response> get(@PathParam("accountId") String accountId, @PathParam("locationId") String locationId,
                             @PathParam("reviewId") String reviewId,
                             @HeaderParam("Authorization") String authorization,
                             @QueryParam("access_token") String accessToken,
                             @QueryParam("oauth_token") String oauthToken) {
        return gate.serve(GoogleEndpoint.REVIEWS_GET, authorization, accessToken != null ? accessToken : oauthToken, () -> {
            LocationAccess.Reached reached = access.location(accountId, locationId, true);
            Review review = Arrays.stream(data.reviews(locationId).ordered(ReviewOrder.UPDATE_TIME_DESC))
                    .filter(r -> r.reviewId().equals(reviewId))
                    .findFirst()
                    .orElseThrow(errors::notFound);
            return json.write(ReviewJson.of(reached.v4Name(), review));
        });
    }
}
