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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Google My Business API v4: accounts.locations.reviews list and get. */
@Path("/v4/accounts/{accountId}/locations/{locationId}/reviews")
public class ReviewsResource {

    static final int MAX_PAGE_SIZE = 50;
    /** ListReviewsRequest's fields but the parent, which is the path; GetReviewRequest has none beside its name. */
    private static final Set<String> LIST_FIELDS = Set.of("pageSize", "pageToken", "orderBy");

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

    // The query is read whole (GoogleQuery); these name its fields for the OpenAPI document.
    @GET
    @Parameter(name = "pageSize", in = ParameterIn.QUERY)
    @Parameter(name = "pageToken", in = ParameterIn.QUERY)
    @Parameter(name = "orderBy", in = ParameterIn.QUERY)
    public Uni<Response> list(@PathParam("accountId") String accountId, @PathParam("locationId") String locationId,
                              @Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        return list(accountId, locationId, GoogleQuery.of(uri.getQueryParameters()), authorization);
    }

    Uni<Response> list(String accountId, String locationId, GoogleQuery query, String authorization) {
        String pageSize = query.get("pageSize");
        String pageToken = query.get("pageToken");
        String orderBy = query.get("orderBy");
        return gate.serve(GoogleEndpoint.REVIEWS_LIST, "accounts/" + accountId + "/locations/" + locationId, pageToken,
                authorization, query.accessToken(), () -> {
            params.onlyKnown(query, LIST_FIELDS);
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
                             @PathParam("reviewId") String reviewId, @Context UriInfo uri,
                             @HeaderParam("Authorization") String authorization) {
        GoogleQuery query = GoogleQuery.of(uri.getQueryParameters());
        return gate.serve(GoogleEndpoint.REVIEWS_GET, authorization, query.accessToken(), () -> {
            params.onlyKnown(query, Set.of());
            LocationAccess.Reached reached = access.location(accountId, locationId, true);
            Review review = Arrays.stream(data.reviews(locationId).ordered(ReviewOrder.UPDATE_TIME_DESC))
                    .filter(r -> r.reviewId().equals(reviewId))
                    .findFirst()
                    .orElseThrow(errors::notFound);
            return json.write(ReviewJson.of(reached.v4Name(), review));
        });
    }
}
