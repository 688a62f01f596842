package io.reviewfetcher.emulator.google;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A path under {@code /v1} or {@code /v4} that names no method (e.g. a v4 reviews call with a v1
 * {@code locations/{id}} parent, or GET on batchGetReviews) answers Google's 404 envelope, not
 * Quarkus's. Such calls reach no method, so they are neither charged nor counted.
 */
public class UnknownGooglePaths {

    private final GoogleErrors errors;
    private final GoogleJson json;

    public UnknownGooglePaths(GoogleErrors errors, GoogleJson json) {
        this.errors = errors;
        this.json = json;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return googleOr(e.getResponse(), uri);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        return googleOr(e.getResponse(), uri);
    }

    private Response googleOr(Response fallback, UriInfo uri) {
        String path = uri.getPath();
        if (!path.startsWith("/v1/") && !path.startsWith("/v4/")) {
            return fallback;
        }
        GoogleApiException notFound = errors.notFound();
        return Response.status(404).type("application/json; charset=UTF-8").entity(json.write(notFound.body())).build();
    }
}
