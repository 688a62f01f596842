package io.reviewfetcher.emulator.quota;

import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The emulated Cloud project's quota: one budget of {@code qpm} calls per rolling window, shared by
 * every Google API endpoint and every caller. Keeps two exact logs: every Google API request that
 * arrived (what a pipeline sent) and the calls the quota admitted (what it was charged).
 */
@ApplicationScoped
public class ProjectQuota {

    /** Google's quotas are per minute; the window is not configurable because the stats name it. */
    public static final Duration WINDOW = Duration.ofSeconds(60);

    private final long configuredLimit;
    private volatile long limit;
    private final long windowNanos;
    private final EmulatorClock clock;
    private final SlidingWindowLog requests;
    private final SlidingWindowLog admitted;

    public ProjectQuota(EmulatorConfig config, EmulatorClock clock) {
        this.configuredLimit = config.quota().qpm();
        this.limit = configuredLimit;
        this.windowNanos = WINDOW.toNanos();
        this.clock = clock;
        this.requests = new SlidingWindowLog(windowNanos);
        this.admitted = new SlidingWindowLog(windowNanos);
    }

    /** Notes that a Google API request arrived at {@code now}, whatever its fate. */
    public void recordRequest(long now) {
        requests.tryRecord(now, -1);
    }

    /** Charges one call at {@code now}; false when the window's budget is spent. */
    public boolean tryAcquire(long now) {
        return admitted.tryRecord(now, limit);
    }

    /** Configured calls per window; negative when the quota is off. */
    public long limit() {
        return limit;
    }

    public Snapshot snapshot() {
        long now = clock.monotonicNanos();
        return new Snapshot(requests.peak(), admitted.peak(), requests.inWindow(now), admitted.inWindow(now));
    }

    /** Changes the budget at run time (admin); same meaning as QUOTA_QPM. Calls already made still count. */
    public void setLimit(long qpm) {
        limit = qpm;
    }

    /** Forgets every call and returns to the configured budget. */
    public void clear() {
        requests.clear();
        admitted.clear();
        limit = configuredLimit;
    }

    /** Peaks over any window since the last reset, and the counts in the window ending now. */
    public record Snapshot(long peakRequests, long peakAdmitted, int requestsInWindow, int admittedInWindow) {
    }
}
