package io.reviewfetcher.emulator.quota;

/**
 * The exact log of events in the last window (a growable ring of timestamps), and the most events
 * any window has held. A window ending at time t holds the events in (t - window, t]; the busiest
 * window always ends at an event, so checking at each event makes the peak exact, not sampled.
 * One short synchronized section per call: cheap next to an HTTP exchange.
 */
public final class SlidingWindowLog {

    private final long windowNanos;
    private long[] times = new long[1024];
    private int head;
    private int size;
    private long peak;

    public SlidingWindowLog(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** Records an event at {@code now} if fewer than {@code limit} are in the window (negative = no limit). */
    public synchronized boolean tryRecord(long now, long limit) {
        evict(now);
        if (limit >= 0 && size >= limit) {
            return false;
        }
        push(now);
        if (size > peak) {
            peak = size;
        }
        return true;
    }

    public synchronized long peak() {
        return peak;
    }

    public synchronized int inWindow(long now) {
        evict(now);
        return size;
    }

    public synchronized void clear() {
        head = 0;
        size = 0;
        peak = 0;
    }

    private void evict(long now) {
        long oldestKept = now - windowNanos;
        while (size > 0 && times[head] - oldestKept <= 0) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    private void push(long now) {
        if (size == times.length) {
            long[] grown = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = times[(head + i) % times.length];
            }
            times = grown;
            head = 0;
        }
        times[(head + size) % times.length] = now;
        size++;
    }
}
