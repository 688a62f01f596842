package io.reviewfetcher.emulator.faults;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code PUT /emulator/faults}; every field is optional and a PUT replaces the whole set.
 *
 * @param errorRates          share of calls answering 500, 503 or 429, keyed by status ("500", "503", "429")
 * @param endpoints           endpoints the error rates apply to (e.g. "reviews.list", "oauth.token"); empty = every
 *                            Google API endpoint
 * @param latency             delay added to every Google API answer
 * @param forbiddenLocations  locations answering 403 PERMISSION_DENIED (id, "locations/{id}" or v4 name)
 * @param notFoundLocations   locations answering 404 NOT_FOUND
 * @param reviewPageDropRate  Google's 2026 known issue: share of reviews silently missing from reviews.list pages
 *                            after the first (page 1 stays exact)
 * @param serviceDisabled     every Google API call answers 403 SERVICE_DISABLED
 * @param expireAccessTokens  on PUT: every access token issued so far is expired (refresh still works)
 * @param revokeRefreshTokens on PUT: every grant is revoked (refresh answers invalid_grant)
 * @param pageSizeLimits      list method ("accounts.list", "locations.list", "reviews.list") → most items a page
 *                            holds, whatever pageSize asks (Google may answer fewer than asked): several pages from a
 *                            small data set
 * @param failFirstCallsPerPage list method → how many calls of each of its pages answer 503 UNAVAILABLE before the
 *                            page is served (counted from the PUT; a page is its parent and page token): failures
 *                            that hit every page, deterministically, unlike {@code errorRates}
 * @param push                faults of the Pub/Sub pushes of review notifications (drops, duplicates, delay,
 *                            reordering, bad signatures)
 */
@RegisterForReflection // read by a strict reader from a String body, which Quarkus cannot trace
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FaultSettings(
        Map<String, Double> errorRates,
        List<String> endpoints,
        Latency latency,
        List<String> forbiddenLocations,
        List<String> notFoundLocations,
        Double reviewPageDropRate,
        Boolean serviceDisabled,
        Boolean expireAccessTokens,
        Boolean revokeRefreshTokens,
        Map<String, Integer> pageSizeLimits,
        Map<String, Integer> failFirstCallsPerPage,
        PushFaults push) {

    public static final FaultSettings NONE = new FaultSettings(Map.of(), List.of(), null, List.of(), List.of(),
            null, null, null, null, Map.of(), Map.of(), null);

    /** Fixed delay plus a uniformly random one in [0, randomMs]. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Latency(Long fixedMs, Long randomMs) {
    }
}
