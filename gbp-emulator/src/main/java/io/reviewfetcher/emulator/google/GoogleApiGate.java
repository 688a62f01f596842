package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.oauth.TokenStore;
import io.reviewfetcher.emulator.quota.ProjectQuota;
import io.reviewfetcher.emulator.stats.CallStats;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every Google API call goes through, in the order Google's front end applies it:
 * credentials (401, scope 403), API enabled (403 SERVICE_DISABLED), quota (429), backend faults
 * (500/503, and a list page's first calls under {@code failFirstCallsPerPage}), then the method itself;
 * finally the stats (per endpoint and, for list methods, per page) and any injected latency.
 * Unauthenticated calls are logged as requests but never charged to the quota.
 */
@ApplicationScoped
public class GoogleApiGate {

    private static final String JSON = "application/json; charset=UTF-8";

    private final EmulatorClock clock;
    private final TokenStore tokens;
    private final ProjectQuota quota;
    private final FaultState faults;
    private final CallStats stats;
    private final GoogleErrors errors;
    private final GoogleJson json;

    public GoogleApiGate(EmulatorClock clock, TokenStore tokens, ProjectQuota quota, FaultState faults, CallStats stats,
                         GoogleErrors errors, GoogleJson json) {
        this.clock = clock;
        this.tokens = tokens;
        this.quota = quota;
        this.faults = faults;
        this.stats = stats;
        this.errors = errors;
        this.json = json;
    }

    /**
     * Serves one call. {@code method} returns the JSON body of a 200 or throws {@link GoogleApiException}.
     *
     * @param authorization the Authorization header, if any
     * @param accessToken   the {@code access_token} (or {@code oauth_token}) query parameter, if any
     */
    public Uni<Response> serve(GoogleEndpoint endpoint, String authorization, String accessToken,
                               Supplier<byte[]> method) {
        return serve(endpoint, null, null, authorization, accessToken, method);
    }

    /**
     * Serves one call of a list method: as {@link #serve(GoogleEndpoint, String, String, Supplier)}, and the call is
     * counted for its page, which {@code failFirstCallsPerPage} may fail.
     *
     * @param parent    what is listed ({@code accounts/1}; empty for accounts.list)
     * @param pageToken the page token asked for, or null for the first page
     */
    public Uni<Response> serve(GoogleEndpoint endpoint, String parent, String pageToken, String authorization,
                               String accessToken, Supplier<byte[]> method) {
        CallStats.Page page = parent == null ? null
                : new CallStats.Page(endpoint.id, parent, pageToken == null ? "" : pageToken);
        long now = clock.monotonicNanos();
        quota.recordRequest(now);
        FaultState.Compiled fault = faults.current();
        Response response;
        try {
            authenticate(endpoint, authorization, accessToken);
            if (fault.serviceDisabled()) {
                throw errors.serviceDisabled(endpoint);
            }
            int injected = fault.rollError(endpoint.id, false);
            if (injected == 429) {
                stats.injected429();
                throw errors.rateLimited(endpoint, quota.limit());
            }
            if (!quota.tryAcquire(now)) {
                stats.quotaRejected();
                throw errors.rateLimited(endpoint, quota.limit());
            }
            if (injected == 500) {
                throw errors.internal();
            }
            if (injected == 503 || page != null && fault.failsPageCall(endpoint.id, page.parent() + " " + page.pageToken())) {
                throw errors.unavailable();
            }
            response = Response.ok(method.get()).type(JSON).build();
        } catch (GoogleApiException e) {
            Response.ResponseBuilder builder = Response.status(e.httpStatus()).type(JSON).entity(json.write(e.body()));
            e.headers().forEach(builder::header);
            response = builder.build();
        }
        stats.record(endpoint.id, response.getStatus());
        if (page != null) {
            stats.recordPage(page, response.getStatus());
        }
        long delay = fault.latencyMs();
        Uni<Response> answer = Uni.createFrom().item(response);
        return delay == 0 ? answer : answer.onItem().delayIt().by(Duration.ofMillis(delay));
    }

    private void authenticate(GoogleEndpoint endpoint, String authorization, String accessToken) {
        String token = accessToken;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (authorization != null && !authorization.isBlank()) {
            throw errors.invalidCredentials(endpoint, false);
        }
        if (token == null || token.isEmpty()) {
            throw errors.missingCredentials(endpoint);
        }
        TokenStore.Lookup lookup = tokens.lookup(token);
        switch (lookup.validity()) {
            case INVALID -> throw errors.invalidCredentials(endpoint, false);
            case EXPIRED -> throw errors.invalidCredentials(endpoint, true);
            default -> {
                if (!lookup.token().grant().allowsBusinessProfile()) {
                    throw errors.scopeInsufficient(endpoint);
                }
            }
        }
    }
}
