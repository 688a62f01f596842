package io.reviewfetcher.tokens.web;

import io.reviewfetcher.tokens.config.TokenServiceConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may call what: {@code /api/v1/*} needs the service key, the OAuth callback (Google's redirect, reached
 * by the user's browser) needs nothing, every other REST path is an admin path and needs the admin key.
 * Health, metrics and OpenAPI under {@code /q} are not REST resources and stay open for probes and scrapers.
 */
public class ApiKeyFilter {

    static final String HEADER = "X-API-Key";

    private final byte[] serviceKey;
    private final byte[] adminKey;

    public ApiKeyFilter(TokenServiceConfig config) {
        this.serviceKey = requireKey(config.security().serviceApiKey(), "SERVICE_API_KEY");
        this.adminKey = requireKey(config.security().adminApiKey(), "ADMIN_API_KEY");
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/auth/callback")) {
            return null;
        }
        byte[] required = path.startsWith("/api/v1/") || path.equals("/api/v1") ? serviceKey : adminKey;
        String presented = request.getHeaderString(HEADER);
        if (presented == null || presented.isEmpty()) {
            return unauthorized("send the " + (required == serviceKey ? "service" : "admin") + " key in " + HEADER);
        }
        // Constant-time comparison, so response timing says nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(required, presented.getBytes(StandardCharsets.UTF_8))) {
            return unauthorized("the " + HEADER + " header does not hold the " + (required == serviceKey ? "service" : "admin") + " key");
        }
        return null;
    }

    private static Response unauthorized(String detail) {
        return ProblemMappers.respond(Problem.of(401, "unauthorized", "Unauthorized", detail), null);
    }

    private static byte[] requireKey(String key, String name) {
        if (key == null || key.length() < 16) {
            throw new IllegalStateException(name + " must be set to at least 16 characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
