package io.reviewfetcher.emulator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The push faults' decisions and their validation. */
class PushFaultRulesTest {

    private final SplittableRandom random = new SplittableRandom(11);

    private static PushFaultRules rules(Double drop, Double duplicate, FaultSettings.Latency delay, Long window,
                                        Boolean badSignature) {
        return PushFaultRules.compile(new PushFaults(drop, duplicate, delay, window, badSignature));
    }

    private int times(Predicate<RandomGenerator> decision) {
        return (int) IntStream.range(0, 10_000).filter(i -> decision.test(random)).count();
    }

    @Test
    void noPushFaultsDecideNothing() {
        PushFaultRules none = PushFaultRules.compile(null);
        assertEquals(PushFaultRules.NONE, none);
        assertEquals(0, times(none::drops) + times(none::duplicates));
        assertFalse(none.badSignature());
        assertEquals(0, none.delayMs(random));
        assertFalse(none.reorders());
        assertEquals(PushFaultRules.NONE, FaultState.compile(FaultSettings.NONE).push());
    }

    @Test
    void rateOneAlwaysHappens() {
        PushFaultRules all = rules(1.0, 1.0, null, null, true);
        assertEquals(10_000, times(all::drops));
        assertEquals(10_000, times(all::duplicates));
        assertTrue(all.badSignature());
        assertFalse(rules(null, null, null, null, false).badSignature());
    }

    @Test
    void eachRateHappensAboutThatOften() {
        PushFaultRules some = rules(0.1, 0.3, null, null, null);
        assertTrue(Math.abs(times(some::drops) - 1_000) < 200);
        assertTrue(Math.abs(times(some::duplicates) - 3_000) < 300);
    }

    @Test
    void theDelayIsTheFixedPartPlusJitterWithinItsBound() {
        PushFaultRules delayed = rules(null, null, new FaultSettings.Latency(200L, 50L), null, null);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 5_000; i++) {
            long delay = delayed.delayMs(random);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertEquals(200, min);
        assertEquals(250, max);
        assertEquals(200, rules(null, null, new FaultSettings.Latency(200L, null), null, null).delayMs(random));
    }

    @Test
    void aReorderWindowHoldsMessages() {
        assertTrue(rules(null, null, null, 500L, null).reorders());
        assertFalse(rules(null, null, null, 0L, null).reorders());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertEquals("push.dropRate: must be between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> rules(1.5, null, null, null, null)).getMessage());
        assertEquals("push.duplicateRate: must be between 0 and 1",
                assertThrows(IllegalArgumentException.class, () -> rules(null, -0.1, null, null, null)).getMessage());
        assertEquals("push.delay: must not be negative", assertThrows(IllegalArgumentException.class,
                () -> rules(null, null, new FaultSettings.Latency(-1L, null), null, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> rules(null, null, null, 60_001L, null));
        assertThrows(IllegalArgumentException.class, () -> rules(null, null, null, -1L, null));
    }
}
