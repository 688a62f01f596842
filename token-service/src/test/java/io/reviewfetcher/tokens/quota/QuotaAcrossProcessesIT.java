package io.reviewfetcher.tokens.quota;

import io.reviewfetcher.tokens.support.PermitLoad;
import io.reviewfetcher.tokens.support.ServiceProcesses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three token-service processes, twelve callers asking as fast as they are let: never more than the quota
 * in any rolling window, and at least 95 % of it. The quota window is shortened to 20 s with a quota of
 * 1,200 (the same arithmetic as 300 a minute, in a third of the time); QuotaBenchmarkIT runs 300 a minute.
 */
class QuotaAcrossProcessesIT {

    private static final int QUOTA = 1200;
    private static final Duration WINDOW = Duration.ofSeconds(20);

    @Test
    void threePodsAndTwelveCallersStayWithinTheQuotaAndUseAtLeast95PercentOfIt() throws Exception {
        try (ServiceProcesses services = new ServiceProcesses(3, QUOTA, Map.of(
                "token-service.quota.window", "20s",
                "token-service.quota.redeem-window", "300ms",
                "token-service.quota.call-delay-max", "50ms"))) {
            String credential = PermitLoad.credential(services);
            PermitLoad.Result result = PermitLoad.run(services.baseUrls(), credential, 12, Duration.ofSeconds(32));

            int most = result.mostInAnyWindow(WINDOW);
            int fewest = result.fewestInAnyFullWindow(WINDOW);
            System.out.printf("QuotaAcrossProcessesIT: %d permits, %d refusals (429), %d errors; most in any %ds window %d, "
                            + "fewest in a full window %d (quota %d); per caller %s%n", result.grantedAt().size(), result.refused(),
                    result.errors(), WINDOW.toSeconds(), most, fewest, QUOTA, result.grantsPerCaller());
            assertEquals(0, result.errors(), "answers other than 200 and 429");
            assertTrue(most <= QUOTA, "most permits in a window: " + most);
            assertTrue(fewest >= 0.95 * QUOTA, "fewest permits in a full window: " + fewest + " < 95 % of " + QUOTA);
            int least = result.grantsPerCaller().stream().mapToInt(Integer::intValue).min().orElseThrow();
            int greatest = result.grantsPerCaller().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(least >= greatest * 0.7, "unfair split between callers: " + result.grantsPerCaller());
        }
    }
}
