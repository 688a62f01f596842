package io.reviewfetcher.ingress.api;

import io.quarkus.logging.Log;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The review store's read API, for a caller holding any {@code X-API-Key} of INGRESS_API_KEYS (the keys that submit
 * client_id jobs), whichever clients it is valid for: the store keeps reviews by location, not by client (a location's
 * reviews come from whichever job fetched them, on any credential), so there is no client to check a key against.
 * Parameters are taken as text and checked by {@link ReviewQuery}, so that each bad one is a
 * problem naming it rather than the framework's own answer. Non-blocking: the store is the reactive PostgreSQL client.
 */
@Path(ReviewsResource.PATH)
@Tag(name = "reviews", description = "The review store: the latest version of each review")
public class ReviewsResource {

    public static final String PATH = "/api/v1/reviews";

    private final ReviewStore store;
    private final CallerKeys callerKeys;

    public ReviewsResource(ReviewStore store, CallerKeys callerKeys) {
        this.store = store;
        this.callerKeys = callerKeys;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A location's reviews from the review store",
            description = "The latest version of each review delivered for the location, with the review as Google sent it, oldest "
                    + "update first; a review leaves the store at its expires_at or once a verified walk found it deleted.")
    @APIResponse(responseCode = "200", description = "A page of reviews and the cursor of the next",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewsPage.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter (named in errors): no or a malformed location_id, updated_since, "
            + "limit, or a cursor this API did not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The review store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(required = true, description = "the bare location id (`456` of `locations/456`)",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64))
            @QueryParam(ReviewQuery.LOCATION_ID) String locationId,
            @Parameter(description = "only reviews whose update_time is at or after this ISO-8601 instant",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam(ReviewQuery.UPDATED_SINCE) String updatedSince,
            @Parameter(description = "reviews per page",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
            @QueryParam(ReviewQuery.LIMIT) String limit,
            @Parameter(description = "the next_cursor of the page before; none for the first page")
            @QueryParam(ReviewQuery.CURSOR) String cursor) {
        // Any caller key, of whichever clients: reviews are kept by location, not by client (see the class comment).
        CallerKeyCheck.require(callerKeys, apiKey);
        ReviewQuery query = ReviewQuery.of(locationId, updatedSince, limit, cursor);
        // Deferred, so that a store refusing at once (a bad cursor) fails the Uni like one refusing later.
        return Uni.createFrom().deferred(() -> store.read(query.locationId(), query.updatedSince(), query.limit(), query.cursor()))
                .map(page -> Response.ok(ReviewsPage.of(page)).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure().transform(failure -> refusal(failure, query));
    }

    /** A cursor the store did not write is the caller's mistake; any other failure is the store's, told without its details. */
    private static ProblemException refusal(Throwable failure, ReviewQuery query) {
        if (failure instanceof IllegalArgumentException && query.cursor() != null) {
            return new ProblemException(Problem.invalidParameter(ReviewQuery.CURSOR,
                    "is not a cursor this API answered; start again without one"));
        }
        // The type only: a database client's message can hold a host, a user or a query's values.
        Log.warnf("Review store read failed (%s); answered 503", failure.getClass().getName());
        return ProblemException.unavailable("the review store is unavailable; try again shortly", null);
    }
}
