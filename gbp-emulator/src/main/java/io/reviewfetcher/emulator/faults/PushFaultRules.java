package io.reviewfetcher.emulator.faults;

import java.util.random.RandomGenerator;

/**
 * The push faults in force, as the push delivery asks them: one decision per message (drop, duplicate, delay, hold
 * for reordering); a bad signature holds for every attempt while the fault is on. The caller passes the randomness,
 * so tests can fix it.
 */
public record PushFaultRules(double dropRate, double duplicateRate, long delayFixedMs, long delayRandomMs,
                             long reorderWindowMs, boolean badSignature) {

    public static final PushFaultRules NONE = new PushFaultRules(0, 0, 0, 0, 0, false);

    /** Longest reorder window accepted: a message is held, not lost. */
    static final long MAX_REORDER_WINDOW_MS = 60_000;

    static PushFaultRules compile(PushFaults faults) {
        if (faults == null) {
            return NONE;
        }
        double drop = rate("push.dropRate", faults.dropRate());
        double duplicate = rate("push.duplicateRate", faults.duplicateRate());
        long fixed = faults.delay() == null || faults.delay().fixedMs() == null ? 0 : faults.delay().fixedMs();
        long random = faults.delay() == null || faults.delay().randomMs() == null ? 0 : faults.delay().randomMs();
        if (fixed < 0 || random < 0) {
            throw new IllegalArgumentException("push.delay: must not be negative");
        }
        long window = faults.reorderWindowMs() == null ? 0 : faults.reorderWindowMs();
        if (window < 0 || window > MAX_REORDER_WINDOW_MS) {
            throw new IllegalArgumentException("push.reorderWindowMs: must be between 0 and " + MAX_REORDER_WINDOW_MS);
        }
        return new PushFaultRules(drop, duplicate, fixed, random, window, Boolean.TRUE.equals(faults.badSignature()));
    }

    public boolean drops(RandomGenerator random) {
        return happens(dropRate, random);
    }

    public boolean duplicates(RandomGenerator random) {
        return happens(duplicateRate, random);
    }

    /** Milliseconds to wait before a message's first attempt. */
    public long delayMs(RandomGenerator random) {
        return delayFixedMs + (delayRandomMs > 0 ? random.nextLong(delayRandomMs + 1) : 0);
    }

    /** Whether messages are held for a window and shuffled. */
    public boolean reorders() {
        return reorderWindowMs > 0;
    }

    private static boolean happens(double rate, RandomGenerator random) {
        // Rate 1 must always happen and 0 never, whatever the generator gives.
        return rate >= 1 || rate > 0 && random.nextDouble() < rate;
    }

    private static double rate(String field, Double rate) {
        if (rate == null) {
            return 0;
        }
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(field + ": must be between 0 and 1");
        }
        return rate;
    }
}
