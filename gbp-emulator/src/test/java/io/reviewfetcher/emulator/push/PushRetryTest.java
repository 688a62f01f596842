package io.reviewfetcher.emulator.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Exponential backoff to a cap, and giving up at the retention. */
class PushRetryTest {

    private final PushRetry retry = new PushRetry(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(10));

    @Test
    void theBackoffDoublesUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(1), retry.backoff(1));
        assertEquals(Duration.ofSeconds(2), retry.backoff(2));
        assertEquals(Duration.ofSeconds(4), retry.backoff(3));
        assertEquals(Duration.ofSeconds(8), retry.backoff(4));
        assertEquals(Duration.ofSeconds(10), retry.backoff(5));
        assertEquals(Duration.ofSeconds(10), retry.backoff(1_000), "no overflow after many failures");
    }

    @Test
    void itGivesUpWhenTheNextAttemptWouldComeAfterTheRetention() {
        Instant published = Instant.parse("2026-05-01T10:00:00Z");
        assertFalse(retry.givesUp(published, published.plusSeconds(590), Duration.ofSeconds(10)));
        assertTrue(retry.givesUp(published, published.plusSeconds(591), Duration.ofSeconds(10)));
    }
}
