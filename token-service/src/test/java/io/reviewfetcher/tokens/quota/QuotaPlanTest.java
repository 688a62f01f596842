package io.reviewfetcher.tokens.quota;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's promise: a full bucket plus a window of refill (and the redeem and call-delay allowances) never exceeds the quota. */
class QuotaPlanTest {

    private static final Duration REDEEM = Duration.ofMillis(500);
    /** QUOTA_CALL_DELAY_MAX's default. */
    private static final Duration CALL_DELAY = Duration.ofSeconds(1);

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 60, 100, 300, 301, 1000, 3000, 100_000})
    void neverMoreThanTheQuotaInAWindowAndCloseToItWithABacklog(int quota) {
        QuotaPlan plan = QuotaPlan.of(quota, Duration.ofSeconds(60), REDEEM, CALL_DELAY);
        assertTrue(plan.capacity() >= 1);
        assertTrue(plan.worstCasePerWindow() <= quota + 1e-9, "worst case " + plan.worstCasePerWindow());
        assertTrue(plan.capacity() + plan.sustainedPerWindow() <= quota, "full bucket + a minute of refill");
        if (quota >= 100) {
            // (Q − C)·60 / 61.5: what 1.5 s of allowance (redeem window and call delay) costs the pacing.
            assertTrue(plan.sustainedPerWindow() >= 0.96 * quota, "pacing " + plan.sustainedPerWindow() / quota);
        }
    }

    @org.junit.jupiter.api.Test
    void theProjectQuotaOf300() {
        QuotaPlan plan = QuotaPlan.of(300, Duration.ofSeconds(60), REDEEM, CALL_DELAY);
        assertEquals(3, plan.capacity());
        assertEquals(4.829, plan.ratePerSecond(), 0.001);
        assertEquals(289.76, plan.sustainedPerWindow(), 0.01);
        assertEquals(300, plan.worstCasePerWindow(), 1e-9);
    }

    @org.junit.jupiter.api.Test
    void aShorterCallDelayBuysPacing() {
        QuotaPlan plan = QuotaPlan.of(300, Duration.ofSeconds(60), REDEEM, Duration.ofMillis(100));
        assertEquals(4.90, plan.ratePerSecond(), 0.01);
        assertEquals(294.06, plan.sustainedPerWindow(), 0.01);
    }

    @org.junit.jupiter.api.Test
    void aQuotaBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> QuotaPlan.of(0, Duration.ofSeconds(60), REDEEM, CALL_DELAY));
        assertThrows(IllegalArgumentException.class, () -> QuotaPlan.of(300, Duration.ofSeconds(60), REDEEM, Duration.ofMillis(-1)));
    }
}
