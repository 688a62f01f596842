package io.reviewfetcher.emulator.admin;

import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.notifications.NotificationSettings;
import io.reviewfetcher.emulator.push.PushLog;
import io.reviewfetcher.emulator.quota.ProjectQuota;
import io.reviewfetcher.emulator.stats.CallStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;

/** What the emulator saw: calls per endpoint and status, quota peaks, 429s; and the reset. */
@Path("/emulator")
public class StatsResource {

    /**
     * {@code peakCallsIn60s}: most Google API requests that arrived in any 60 s window (whatever their
     * answer); {@code peakAdmittedIn60s}: most calls the quota let through in any window (never above
     * {@code quota.qpm}). Both exact over every window since start or the last reset.
     */
    public record Stats(Quota quota, long peakCallsIn60s, long peakAdmittedIn60s, long callsInLast60s,
                        long admittedInLast60s, long googleApiCalls, long tooManyRequests, long quotaRejections,
                        long injected429s, Map<String, Map<String, Long>> endpoints) {
    }

    /** Calls per page of the list methods (accounts.list, locations.list, reviews.list), by HTTP status. */
    public record PageStats(List<CallStats.PageCalls> pages) {
    }

    /** {@code qpm} negative = quota off. */
    public record Quota(long qpm, boolean enabled, long windowSeconds) {
    }

    private final CallStats stats;
    private final ProjectQuota quota;
    private final FaultState faults;
    private final DataSet data;
    private final PushLog pushes;
    private final NotificationSettings notificationSettings;

    public StatsResource(CallStats stats, ProjectQuota quota, FaultState faults, DataSet data, PushLog pushes,
                         NotificationSettings notificationSettings) {
        this.stats = stats;
        this.quota = quota;
        this.faults = faults;
        this.data = data;
        this.pushes = pushes;
        this.notificationSettings = notificationSettings;
    }

    @GET
    @Path("stats")
    public Stats stats() {
        ProjectQuota.Snapshot window = quota.snapshot();
        Map<String, Map<String, Long>> endpoints = stats.byEndpoint();
        long google = 0;
        long tooMany = 0;
        for (Map.Entry<String, Map<String, Long>> endpoint : endpoints.entrySet()) {
            if (!endpoint.getKey().startsWith("oauth.")) {
                google += endpoint.getValue().values().stream().mapToLong(Long::longValue).sum();
                tooMany += endpoint.getValue().getOrDefault("429", 0L);
            }
        }
        return new Stats(new Quota(quota.limit(), quota.limit() >= 0, ProjectQuota.WINDOW.toSeconds()),
                window.peakRequests(), window.peakAdmitted(), window.requestsInWindow(), window.admittedInWindow(),
                google, tooMany, stats.quotaRejections(), stats.injected429s(), endpoints);
    }

    /**
     * How often each page of the list methods was called since start or the last reset, by HTTP status: a page
     * is its parent ({@code accounts/1}, {@code accounts/1/locations/2}; empty for accounts.list) and page token
     * (empty for the first page).
     *
     * @param endpoint one list method, or all when absent
     */
    @GET
    @Path("stats/pages")
    public PageStats pages(@QueryParam("endpoint") String endpoint) {
        return new PageStats(stats.pages(endpoint));
    }

    /**
     * Forgets calls, quota windows, faults and pushes (messages still being retried are abandoned); notification
     * settings stay, as data changes do. With {@code data=true} also rebuilds the seeded data set and forgets the
     * notification settings: the emulator's data as at start.
     */
    @POST
    @Path("reset")
    public Stats reset(@QueryParam("data") boolean regenerate) {
        stats.clear();
        quota.clear();
        faults.clear();
        pushes.clear();
        if (regenerate) {
            data.regenerate();
            notificationSettings.clear();
        }
        return stats();
    }
}
