package io.reviewfetcher.tokens.quota;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan's promise: a full bucket plus a window of refill (and the redeem and jitter allowances) never exceeds the quota. */
class QuotaPlanTest {

    private static final Duration REDEEM = Duration.ofMillis(500);
    private static final Duration JITTER = Duration.ofMillis(100);

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 60, 100, 300, 301, 1000, 3000, 100_000})
    void neverMoreThanTheQuotaInAWindowAndCloseToItWithABacklog(int quota) {
        QuotaPlan plan = QuotaPlan.of(quota, Duration.ofSeconds(60), REDEEM, JITTER);
        assertTrue(plan.capacity() >= 1);
        assertTrue(plan.worstCasePerWindow(JITTER) <= quota + 1e-9, "worst case " + plan.worstCasePerWindow(JITTER));
        assertTrue(plan.capacity() + plan.sustainedPerWindow() <= quota, "full bucket + a minute of refill");
        if (quota >= 100) {
            assertTrue(plan.sustainedPerWindow() >= 0.98 * quota, "pacing " + plan.sustainedPerWindow() / quota);
        }
    }

    @org.junit.jupiter.api.Test
    void theProjectQuotaOf300() {
        QuotaPlan plan = QuotaPlan.of(300, Duration.ofSeconds(60), REDEEM, JITTER);
        assertEquals(3, plan.capacity());
        assertEquals(4.90, plan.ratePerSecond(), 0.01);
        assertEquals(294.06, plan.sustainedPerWindow(), 0.01);
    }

    @org.junit.jupiter.api.Test
    void aQuotaBelowOneIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> QuotaPlan.of(0, Duration.ofSeconds(60), REDEEM, JITTER));
    }
}
