package io.reviewfetcher.ingress.api;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * 413 before the body is read, from its declared length: the single submission and the bulk call have
 * their own limits. A chunked body without a length meets the server-wide limit
 * ({@code quarkus.http.limits.max-body-size}) instead, and the endpoints re-check what they read.
 */
public class BodyLimitFilter {

    private final long maxBody;
    private final long maxBulkBody;

    public BodyLimitFilter(IngressConfig config) {
        this.maxBody = config.limits().maxBodyBytes();
        this.maxBulkBody = config.limits().maxBulkBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return ProblemMappers.respond(Problem.of(400, "malformed-request", "Malformed request", "Content-Length is not a number"), null);
        }
        long limit = request.getUriInfo().getPath().endsWith("/bulk") ? maxBulkBody : maxBody;
        if (declared > limit) {
            return tooLarge(limit);
        }
        return null;
    }

    static Response tooLarge(long limit) {
        return ProblemMappers.respond(Problem.of(413, "body-too-large", "Body too large",
                "the body is larger than the " + limit + " bytes this endpoint accepts"), null);
    }
}
