package io.reviewfetcher.tokens.web;

import io.reviewfetcher.support.apikeys.TestApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Each service endpoint takes only the keys of its own right: ingress-api's key keeps credentials but gets no
 * permit (no Google access token), and no other spelling of a path gets past a weaker key.
 */
class ApiKeyFilterTest {
    private static final String WORKER = "worker-key-0123456789abcdef";
    private static final String INGRESS = "ingress-key-0123456789abcdef";
    private static final String ADMIN = "admin-key-0123456789abcdef";

    private final ApiKeyFilter filter = new ApiKeyFilter(new ApiKeys(new TestApiKeyConfig(null, List.of(WORKER), List.of(INGRESS), List.of(ADMIN))));

    /** A request as the pre-matching filter sees it: its path and its X-API-Key. */
    private static ContainerRequestContext request(String path, String apiKey) {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUriInfo" -> uri;
                    case "getHeaderString" -> ApiKeys.HEADER.equalsIgnoreCase((String) args[0]) ? apiKey : null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void assertRefused(Response response, String presentedKey) {
        assertNotNull(response, "the request was let through");
        assertEquals(401, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals("unauthorized", problem.slug());
        if (presentedKey != null) {
            assertFalse(problem.detail().contains(presentedKey), "the key is echoed");
        }
    }

    @Test
    void aCredentialsOnlyKeyIsRefusedOnPermitsWithProblemJson() {
        assertRefused(filter.check(request("/api/v1/permits", INGRESS)), INGRESS);
        assertNull(filter.check(request("/api/v1/credentials", INGRESS)));
    }

    @Test
    void aWorkerKeyOpensThePermits() {
        assertNull(filter.check(request("/api/v1/permits", WORKER)));
        assertRefused(filter.check(request("/api/v1/credentials", WORKER)), WORKER);
    }

    /** ingress-api asks whether a client exists with its own key; a worker's key does not open it, nor admin paths nearby. */
    @Test
    void theClientConnectionTakesTheCredentialsKey() {
        assertEquals(Optional.of(ApiKeyRole.CREDENTIALS), ApiKeyFilter.roleFor("/api/v1/credentials/clients/42"));
        assertEquals(Optional.of(ApiKeyRole.CREDENTIALS), ApiKeyFilter.roleFor("/api/v1/credentials/clients/acme_R-1"));
        assertNull(filter.check(request("/api/v1/credentials/clients/42", INGRESS)));
        assertRefused(filter.check(request("/api/v1/credentials/clients/42", WORKER)), WORKER);
        assertRefused(filter.check(request("/api/v1/credentials/clients/42", ADMIN)), ADMIN);
        assertRefused(filter.check(request("/api/v1/credentials/clients/42", null)), null);
        for (String path : List.of("/api/v1/credentials/clients", "/api/v1/credentials/clients/", "/api/v1/credentials/clients/42/",
                "/api/v1/credentials/clients/..", "/api/v1/credentials/clients/42/../../../permits",
                "/api/v1/credentials/clients/%2E%2E", "/api/v1/credentials/clients/4 2", "/api/v1/credentials/clients/42;x=1",
                "/api/v1/credentials/clients/" + "9".repeat(129), "/api/v1/credentials/client/42", "/api/v1/credentials/clients/42/x",
                "/clients/42")) {
            assertEquals(Optional.of(ApiKeyRole.ADMIN), ApiKeyFilter.roleFor(path), path);
            assertRefused(filter.check(request(path, INGRESS)), INGRESS);
        }
        // The other paths keep their roles.
        assertEquals(Optional.of(ApiKeyRole.CREDENTIALS), ApiKeyFilter.roleFor("/api/v1/credentials"));
        assertEquals(Optional.of(ApiKeyRole.PERMITS), ApiKeyFilter.roleFor("/api/v1/permits"));
        assertEquals(Optional.empty(), ApiKeyFilter.roleFor("/auth/callback"));
    }

    @Test
    void noOtherSpellingOfAPathGetsPastAWeakerKey() {
        for (String path : List.of("/api/v1/credentials/../permits", "/api/v1/permits/", "/api/v1/credentials/x",
                "/api/v1", "/api/v1/../clients")) {
            assertRefused(filter.check(request(path, INGRESS)), INGRESS);
            assertRefused(filter.check(request(path, WORKER)), WORKER);
        }
    }

    /** The operator console's read of the quota: an admin path like any the filter does not name. */
    @Test
    void theQuotaReadTakesTheAdminKeyOnly() {
        assertEquals(Optional.of(ApiKeyRole.ADMIN), ApiKeyFilter.roleFor("/admin/quota"));
        assertNull(filter.check(request("/admin/quota", ADMIN)));
        assertRefused(filter.check(request("/admin/quota", WORKER)), WORKER);
        assertRefused(filter.check(request("/admin/quota", INGRESS)), INGRESS);
        assertRefused(filter.check(request("/admin/quota", null)), null);
    }

    @Test
    void serviceKeysDoNotOpenAdminPathsAndTheCallbackIsOpen() {
        assertRefused(filter.check(request("/clients", WORKER)), WORKER);
        assertRefused(filter.check(request("/tokens/client/acme", INGRESS)), INGRESS);
        assertNull(filter.check(request("/clients", ADMIN)));
        assertRefused(filter.check(request("/api/v1/permits", ADMIN)), ADMIN);
        assertNull(filter.check(request("/auth/callback", null)));
        assertRefused(filter.check(request("/api/v1/permits", null)), null);
    }
}
