package io.reviewfetcher.emulator.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowLogTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long WINDOW = 60 * SECOND;

    @Test
    void admitsExactlyTheLimitWithinOneWindow() {
        SlidingWindowLog log = new SlidingWindowLog(WINDOW);
        for (int i = 0; i < 5; i++) {
            assertTrue(log.tryRecord(i * SECOND, 5));
        }
        assertFalse(log.tryRecord(59 * SECOND, 5));
        assertEquals(5, log.peak());
    }

    @Test
    void aCallLeavesTheWindowExactlySixtySecondsLater() {
        SlidingWindowLog log = new SlidingWindowLog(WINDOW);
        assertTrue(log.tryRecord(0, 1));
        assertFalse(log.tryRecord(WINDOW - 1, 1));
        assertTrue(log.tryRecord(WINDOW, 1));
    }

    @Test
    void thePeakIsTheBusiestWindowNotTheLatest() {
        SlidingWindowLog log = new SlidingWindowLog(WINDOW);
        // 3 calls at 0-2 s, 4 more at 50-53 s (7 in a window), then 2 at 115 s (only 6 in that window)
        long[] times = {0, 1, 2, 50, 51, 52, 53, 115, 115};
        for (long t : times) {
            log.tryRecord(t * SECOND, -1);
        }
        assertEquals(7, log.peak());
        assertEquals(2, log.inWindow(116 * SECOND));
    }

    @Test
    void growsPastItsInitialCapacity() {
        SlidingWindowLog log = new SlidingWindowLog(WINDOW);
        for (int i = 0; i < 5_000; i++) {
            log.tryRecord(i, -1);
        }
        assertEquals(5_000, log.peak());
        assertEquals(0, log.inWindow(WINDOW + 5_000));
    }
}
