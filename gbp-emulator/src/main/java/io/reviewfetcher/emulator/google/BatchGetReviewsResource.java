package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.data.ReviewOrder;
import io.reviewfetcher.emulator.google.model.BatchGetReviewsRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Google My Business API v4: {@code POST v4/{name=accounts/*}/locations:batchGetReviews}.
 * The colon is a literal part of the last segment (gRPC transcoding's custom verb), not a template.
 */
@Path("/v4/accounts/{accountId}/locations:batchGetReviews")
public class BatchGetReviewsResource {

    private static final Pattern LOCATION_NAME = Pattern.compile("accounts/([^/]+)/locations/([^/]+)");
    private static final int MAX_PAGE_SIZE = 50;

    private final GoogleApiGate gate;
    private final LocationAccess access;
    private final RequestParams params;
    private final BatchReviewPages pages;
    private final GoogleErrors errors;
    private final GoogleJson json;
    private final int maxLocations;

    public BatchGetReviewsResource(GoogleApiGate gate, LocationAccess access, RequestParams params,
                                   BatchReviewPages pages, GoogleErrors errors, GoogleJson json,
                                   EmulatorConfig config) {
        this.gate = gate;
        this.access = access;
        this.params = params;
        this.pages = pages;
        this.errors = errors;
        this.json = json;
        this.maxLocations = config.limits().batchMaxLocations();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> batchGetReviews(@PathParam("accountId") String accountId, byte[] body,
                                         @Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        GoogleQuery urlQuery = GoogleQuery.of(uri.getQueryParameters());
        return gate.serve(GoogleEndpoint.BATCH_GET_REVIEWS, authorization, urlQuery.accessToken(), () -> {
                    // The body carries every field ("body: *"): only system parameters bind in the query.
                    params.onlyKnown(urlQuery, Set.of());
                    BatchGetReviewsRequest request = json.read(body, BatchGetReviewsRequest.class);
                    int size = params.pageSize(request.pageSize(), MAX_PAGE_SIZE, MAX_PAGE_SIZE);
                    ReviewOrder order = params.reviewOrder(request.orderBy());
                    access.account(accountId);
                    List<String> names = request.locationNames() == null ? List.of() : request.locationNames();
                    if (names.isEmpty()) {
                        throw errors.invalidArgument("location_names", "Field is required");
                    }
                    if (names.size() > maxLocations) {
                        throw errors.invalidArgument("location_names",
                                "At most " + maxLocations + " location names can be requested at once.");
                    }
                    List<LocationAccess.Reached> locations = new ArrayList<>();
                    for (String name : new LinkedHashSet<>(names)) {
                        Matcher m = LOCATION_NAME.matcher(name == null ? "" : name);
                        if (!m.matches() || !m.group(1).equals(accountId)) {
                            throw errors.invalidArgument("location_names",
                                    "Invalid location name: " + name + ". Expected accounts/" + accountId
                                            + "/locations/{locationId}.");
                        }
                        locations.add(access.location(accountId, m.group(2), true));
                    }
                    locations.sort((a, b) -> a.location().id().compareTo(b.location().id()));
                    BatchReviewPages.Query query = new BatchReviewPages.Query(accountId, locations, order,
                            Boolean.TRUE.equals(request.ignoreRatingOnlyReviews()));
                    int offset = 0;
                    if (request.pageToken() != null && !request.pageToken().isEmpty()) {
                        offset = pages.offset(query, request.pageToken())
                                .orElseThrow(() -> errors.invalidArgument("page_token", "Invalid page token."));
                    }
                    return pages.page(query, size, offset);
                });
    }
}
