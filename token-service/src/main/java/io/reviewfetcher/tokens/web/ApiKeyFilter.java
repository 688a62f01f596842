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

/**
 * Who may call what: {@code /api/v1/*} needs a service key ({@code SERVICE_API_KEY}), the OAuth callback
 * (Google's redirect, reached by the user's browser) needs nothing, every other REST path is an admin path
 * and needs an admin key ({@code ADMIN_API_KEY}). Health, metrics and OpenAPI under {@code /q} are not REST
 * resources and stay open for probes and scrapers. The keys are service-support's {@link ApiKeys} roles, so
 * each may be a comma-separated list during a rotation; without them the service does not start
 * ({@link RequiredAtStartup}).
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/auth/callback")) {
            return null;
        }
        ApiKeyRole role = path.startsWith("/api/v1/") || path.equals("/api/v1") ? ApiKeyRole.SERVICE : ApiKeyRole.ADMIN;
        try {
            keys.require(role, request.getHeaderString(ApiKeys.HEADER));
            return null;
        } catch (ProblemException e) {
            return ProblemMappers.respond(e.problem(), e.retryAfter());
        }
    }

    /**
     * Refuses to start without both roles' keys, or with one shorter than 16 characters. (The filter itself is
     * created by RESTEasy when it first runs, too late to stop the start.)
     */
    @ApplicationScoped
    public static class RequiredAtStartup {
        void check(@Observes StartupEvent start, ApiKeyConfig config) {
            ApiKeys.requireConfigured(config.service(), "SERVICE_API_KEY");
            ApiKeys.requireConfigured(config.admin(), "ADMIN_API_KEY");
        }
    }
}
