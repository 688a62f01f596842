package io.reviewfetcher.tokens.quota;

import java.time.Duration;

/**
 * Capacity and refill rate of the bucket, derived from the quota so that no rolling window can see more
 * permits than the quota, and a backlog is paced at about 98 % of it.
 *
 * <p>A token bucket of capacity C refilled at r per second grants at most C + r·T in any span T. A
 * promised permit may be collected up to the redeem window g after its token matured, and Google sees a
 * call up to the delivery jitter j after the grant, so in any quota window W Google can see at most
 * C + r·(W + g + j). Setting r = (Q − C) / (W + g + j) makes that exactly Q. C is 1 % of Q (at least 1):
 * a burst big enough to start a job at once, small enough to cost only 1 % of the pacing.
 */
public record QuotaPlan(int quota, Duration window, long capacity, double ratePerSecond, Duration redeemWindow) {

    public static QuotaPlan of(int quota, Duration window, Duration redeemWindow, Duration deliveryJitter) {
        if (quota < 1) {
            throw new IllegalArgumentException("QUOTA_QPM must be at least 1, was " + quota);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the quota window must be positive");
        }
        long capacity = Math.max(1, quota / 100);
        double horizonSeconds = (window.toMillis() + redeemWindow.toMillis() + deliveryJitter.toMillis()) / 1000.0;
        double rate = (quota - capacity) / horizonSeconds;
        if (rate <= 0) {
            // A quota of 1 per window: the single token is the burst; refill it once per horizon.
            rate = 1 / horizonSeconds;
            capacity = 1;
        }
        return new QuotaPlan(quota, window, capacity, rate, redeemWindow);
    }

    /** Permits a backlog gets per window: the pacing the plan aims at. */
    public double sustainedPerWindow() {
        return ratePerSecond * window.toMillis() / 1000.0;
    }

    /** The most permits any window can see: the full bucket plus one horizon of refill. */
    public double worstCasePerWindow(Duration deliveryJitter) {
        return capacity + ratePerSecond * (window.toMillis() + redeemWindow.toMillis() + deliveryJitter.toMillis()) / 1000.0;
    }

    double ratePerMillisecond() {
        return ratePerSecond / 1000.0;
    }
}
