package io.reviewfetcher.tokens.quota;

import java.time.Duration;

/**
 * Capacity and refill rate of the bucket, derived from the quota so that no rolling window of calls arriving
 * at Google can hold more than the quota, and a backlog is paced as close to it as that allows.
 *
 * <p>A token bucket of capacity C refilled at r per second grants at most C + r·T in any span T. A
 * promised permit may be collected up to the redeem window g after its token matured, and the call it
 * permits reaches Google up to the call delay D after that (a GC pause, a connection set up, a queue in the
 * HTTP client: the more calls in flight, the longer it can be), so in any quota window W Google can see at
 * most C + r·(W + g + D). Setting r = (Q − C) / (W + g + D) makes that exactly Q. C is 1 % of Q (at least
 * 1): a burst big enough to start a job at once, small enough to cost only 1 % of the pacing.
 *
 * @param callDelayMax D: the longest a call may take from its permit to Google ({@code QUOTA_CALL_DELAY_MAX})
 */
public record QuotaPlan(int quota, Duration window, long capacity, double ratePerSecond, Duration redeemWindow,
                        Duration callDelayMax) {

    public static QuotaPlan of(int quota, Duration window, Duration redeemWindow, Duration callDelayMax) {
        if (quota < 1) {
            throw new IllegalArgumentException("QUOTA_QPM must be at least 1, was " + quota);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the quota window must be positive");
        }
        if (redeemWindow.isNegative() || callDelayMax.isNegative()) {
            throw new IllegalArgumentException("the redeem window and the call delay cannot be negative");
        }
        long capacity = Math.max(1, quota / 100);
        double horizonSeconds = (window.toMillis() + redeemWindow.toMillis() + callDelayMax.toMillis()) / 1000.0;
        double rate = (quota - capacity) / horizonSeconds;
        if (rate <= 0) {
            // A quota of 1 per window: the single token is the burst; refill it once per horizon.
            rate = 1 / horizonSeconds;
            capacity = 1;
        }
        return new QuotaPlan(quota, window, capacity, rate, redeemWindow, callDelayMax);
    }

    /** Permits a backlog gets per window: the pacing the plan aims at. */
    public double sustainedPerWindow() {
        return ratePerSecond * window.toMillis() / 1000.0;
    }

    /**
     * The most calls any window can see at Google: the full bucket plus one horizon of refill, the horizon
     * being the window stretched by the redeem window and the call delay.
     */
    public double worstCasePerWindow() {
        return capacity + ratePerSecond * (window.toMillis() + redeemWindow.toMillis() + callDelayMax.toMillis()) / 1000.0;
    }

    double ratePerMillisecond() {
        return ratePerSecond / 1000.0;
    }
}
