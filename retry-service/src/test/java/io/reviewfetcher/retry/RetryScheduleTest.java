package io.reviewfetcher.retry;

import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.RetryRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {
    private static final Instant FAILED_AT = Instant.parse("2026-11-21T10:00:00Z");

    private final RetrySchedule schedule = new RetrySchedule(new Config(3, 100, 1_000, 2.0));

    private static RetryRequest failedAt(String location, int attempt, Long retryAfterMs) {
        FetchReviews event = new FetchReviews("job-1", FAILED_AT, "cred:abcdefghijklmnop", "1", location, "L", null, null, 1,
                FetchMode.FULL, attempt);
        return new RetryRequest("job-1", FAILED_AT, event, List.of(new Failure(attempt, FAILED_AT, 503, "UNAVAILABLE", true, retryAfterMs)));
    }

    private long delay(RetryRequest request) {
        return schedule.dueAt(request).toEpochMilli() - FAILED_AT.toEpochMilli();
    }

    @Test
    void delaysAreEqualJitterUnderAnExponentialCeiling() {
        for (int attempt = 0; attempt <= 3; attempt++) {
            long ceiling = Math.min(1_000, 100L << attempt);
            Set<Long> seen = new HashSet<>();
            for (int location = 0; location < 200; location++) {
                long delay = delay(failedAt("loc" + location, attempt, null));
                assertTrue(delay >= ceiling / 2 && delay < ceiling, "attempt " + attempt + ": " + delay + " not in [" + ceiling / 2
                        + ", " + ceiling + ")");
                seen.add((delay - ceiling / 2) / Math.max(1, ceiling / 20));
            }
            assertTrue(seen.size() >= 8, "delays should spread over the upper half, got buckets " + seen);
        }
    }

    @Test
    void theSameRetryGetsTheSameDueTimeAfterARestart() {
        assertEquals(schedule.dueAt(failedAt("x", 2, null)), new RetrySchedule(new Config(3, 100, 1_000, 2.0)).dueAt(failedAt("x", 2, null)));
    }

    @Test
    void aLongerRetryAfterFromGoogleWins() {
        assertEquals(53_000, delay(failedAt("x", 0, 53_000L)));
    }

    @Test
    void retriesAreExhaustedAfterTheMaximum() {
        assertFalse(schedule.exhausted(failedAt("x", 2, null)));
        assertTrue(schedule.exhausted(failedAt("x", 3, null)));
    }

    record Config(int maxRetries, long initialBackoffMs, long maxBackoffMs, double backoffMultiplier) implements RetryConfig {
        @Override
        public int maxPending() {
            return 10;
        }

        /** Short, so a test sees the next try. */
        public long againAfterMs() {
            return 100;
        }

        @Override
        public Duration dlqRetention() {
            return Duration.ofDays(30);
        }
    }
}
