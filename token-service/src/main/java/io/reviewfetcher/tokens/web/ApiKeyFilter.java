package io.reviewfetcher.tokens.web;

import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.support.problem.ProblemMappers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Who may call what. {@code POST /api/v1/permits} hands out a client's live Google access token, so it takes
 * only the workers' keys ({@code TOKEN_SERVICE_PERMIT_KEYS}); {@code POST /api/v1/credentials} takes
 * ingress-api's ({@code TOKEN_SERVICE_CREDENTIAL_KEYS}): the internet-facing service holds no key to the
 * tokens. Both default to {@code SERVICE_API_KEY}. The OAuth callback (Google's redirect, reached by the
 * user's browser) needs nothing; every other REST path, an unknown {@code /api/v1} one included, is an admin
 * path ({@code ADMIN_API_KEY}). Paths are matched exactly, never by prefix, so no spelling of a path
 * reaches a resource under a weaker key. Health, metrics and OpenAPI under {@code /q} are not REST resources
 * and stay open for probes and scrapers. The keys are service-support's {@link ApiKeys} roles, so each may be
 * a comma-separated list during a rotation; without them the service does not start ({@link RequiredAtStartup}).
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        Optional<ApiKeyRole> role = roleFor(request.getUriInfo().getPath());
        if (role.isEmpty()) {
            return null;
        }
        try {
            keys.require(role.get(), request.getHeaderString(ApiKeys.HEADER));
            return null;
        } catch (ProblemException e) {
            // The same 401 for a wrong key and for a key of another role: no answer tells what a key is good for.
            return ProblemMappers.respond(e.problem(), e.retryAfter());
        }
    }

    /** The role a path needs; empty for the one open path. */
    static Optional<ApiKeyRole> roleFor(String path) {
        return switch (path) {
            case "/auth/callback" -> Optional.empty();
            case "/api/v1/permits" -> Optional.of(ApiKeyRole.PERMITS);
            case "/api/v1/credentials" -> Optional.of(ApiKeyRole.CREDENTIALS);
            default -> Optional.of(ApiKeyRole.ADMIN);
        };
    }

    /**
     * Refuses to start without every role's keys, or with one shorter than 16 characters. (The filter itself is
     * created by RESTEasy when it first runs, too late to stop the start.)
     */
    @ApplicationScoped
    public static class RequiredAtStartup {
        void check(@Observes StartupEvent start, ApiKeyConfig config) {
            ApiKeys.requireConfigured(config.permits(), "TOKEN_SERVICE_PERMIT_KEYS (default SERVICE_API_KEY)");
            ApiKeys.requireConfigured(config.credentials(), "TOKEN_SERVICE_CREDENTIAL_KEYS (default SERVICE_API_KEY)");
            ApiKeys.requireConfigured(config.admin(), "ADMIN_API_KEY");
        }
    }
}
