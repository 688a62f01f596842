package io.reviewfetcher.emulator.clock;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's only source of time. Tests move it forward instead of sleeping, so token expiry
 * and the quota window can be checked in milliseconds; in a normal run the offset stays zero.
 */
@ApplicationScoped
public class EmulatorClock {

    private final AtomicLong offsetNanos = new AtomicLong();

    public Instant now() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    /** Monotonic nanoseconds for windows and latencies; unrelated to wall time. */
    public long monotonicNanos() {
        return System.nanoTime() + offsetNanos.get();
    }

    public void advance(Duration by) {
        offsetNanos.addAndGet(by.toNanos());
    }
}
