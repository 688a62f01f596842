package io.reviewfetcher.tokens.quota;

import io.reviewfetcher.tokens.support.PermitLoad;
import io.reviewfetcher.tokens.support.ServiceProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.Map;

/**
 * Benchmarks, off by default (minutes long):
 * {@code ./mvnw -B -pl token-service verify -Dquota.benchmark=true -Dit.test=QuotaBenchmarkIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "quota.benchmark", matches = "true")
class QuotaBenchmarkIT {

    /** The project's real quota: 300 a minute, three pods, twelve callers, two minutes; per-window counts. */
    @Test
    void quotaOf300AMinute() throws Exception {
        try (ServiceProcesses services = new ServiceProcesses(3, 300, Map.of())) {
            String credential = PermitLoad.credential(services);
            Duration duration = Duration.ofSeconds(Long.getLong("quota.benchmark.seconds", 120));
            PermitLoad.Result result = PermitLoad.run(services.baseUrls(), credential, 12, duration);
            System.out.printf("%nQuota benchmark: QUOTA_QPM=300, 3 token-service processes, 12 callers, %d s%n", duration.toSeconds());
            System.out.printf("permits %d, 429s %d, errors %d; per caller %s%n", result.grantedAt().size(), result.refused(),
                    result.errors(), result.grantsPerCaller());
            long first = result.startedAt();
            for (long s = 0; s + 10 <= duration.toSeconds(); s += 10) {
                long from = first + Duration.ofSeconds(s).toNanos();
                long to = from + Duration.ofSeconds(10).toNanos();
                System.out.printf("  %3d-%3d s: %d permits%n", s, s + 10, result.grantedAt().stream().filter(t -> t >= from && t < to).count());
            }
            System.out.printf("most in any rolling 60 s window: %d; fewest in a full 60 s window: %d (quota 300)%n%n",
                    result.mostInAnyWindow(Duration.ofSeconds(60)), result.fewestInAnyFullWindow(Duration.ofSeconds(60)));
        }
    }

    /** Permit latency and throughput with a quota too high to bind: the cost of one permit. */
    @Test
    void permitLatencyAndThroughput() throws Exception {
        try (ServiceProcesses services = new ServiceProcesses(1, 100_000_000, Map.of())) {
            String credential = PermitLoad.credential(services);
            PermitLoad.run(services.baseUrls(), credential, 8, Duration.ofSeconds(5)); // warm-up
            Duration duration = Duration.ofSeconds(15);
            for (int callers : new int[]{1, 8, 16}) {
                PermitLoad.Result result = PermitLoad.run(services.baseUrls(), credential, callers, duration);
                System.out.printf("Permit latency, 1 process, %2d callers: p50 %.2f ms, p99 %.2f ms, %.0f permits/s (%d errors)%n",
                        callers, result.percentileMillisPrecise(0.50), result.percentileMillisPrecise(0.99),
                        result.grantedAt().size() / (double) duration.toSeconds(), result.errors());
            }
        }
    }
}
