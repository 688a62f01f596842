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
import java.util.regex.Pattern;

/**
 * Who may call what. {@code POST /api/v1/permits} hands out a client's live Google access token, so it takes
 * only the workers' keys ({@code TOKEN_SERVICE_PERMIT_KEYS}); {@code POST /api/v1/credentials} takes
 * ingress-api's ({@code TOKEN_SERVICE_CREDENTIAL_KEYS}): the internet-facing service holds no key to the
 * tokens. So does {@code GET /api/v1/credentials/clients/{client_id}}, which tells ingress-api whether a client
 * exists (and is connected) without opening the admin API to it. Both keys default to {@code SERVICE_API_KEY}.
 * The OAuth callback (Google's redirect, reached by the user's browser) needs nothing; every other REST path, an unknown {@code /api/v1} one included, is an admin
 * path ({@code ADMIN_API_KEY}). Paths are matched exactly, never by prefix (the one path with a parameter, by a
 * pattern that takes a client id and nothing else: no dot, slash or encoded character), so no spelling of a path
 * reaches a resource under a weaker key. Health, metrics and OpenAPI under {@code /q} are not REST resources
 * and stay open for probes and scrapers. The keys are service-support's {@link ApiKeys} roles, so each may be
 * a comma-separated list during a rotation; without them the service does not start ({@link RequiredAtStartup}).
 */
public class ApiKeyFilter {

    /** A client id as a {@code client:<id>} credential reference spells it ({@code CredentialRef}). */
    private static final Pattern CLIENT_CONNECTION = Pattern.compile("/api/v1/credentials/clients/[A-Za-z0-9_-]{1,128}");

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
        if (CLIENT_CONNECTION.matcher(path).matches()) {
            return Optional.of(ApiKeyRole.CREDENTIALS);
        }
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
