package io.reviewfetcher.emulator.stats;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls per endpoint and HTTP status, and the 429s given (by the quota and by injected faults). */
@ApplicationScoped
public class CallStats {

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> calls = new ConcurrentHashMap<>();
    private final LongAdder quotaRejections = new LongAdder();
    private final LongAdder injected429 = new LongAdder();

    public void record(String endpoint, int status) {
        calls.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    public void quotaRejected() {
        quotaRejections.increment();
    }

    public void injected429() {
        injected429.increment();
    }

    /** endpoint → status → count, sorted for stable output. */
    public Map<String, Map<String, Long>> byEndpoint() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        calls.forEach((endpoint, statuses) -> {
            Map<String, Long> counts = new TreeMap<>();
            statuses.forEach((status, n) -> counts.put(Integer.toString(status), n.sum()));
            out.put(endpoint, counts);
        });
        return out;
    }

    public long quotaRejections() {
        return quotaRejections.sum();
    }

    public long injected429s() {
        return injected429.sum();
    }

    public void clear() {
        calls.clear();
        quotaRejections.reset();
        injected429.reset();
    }
}
