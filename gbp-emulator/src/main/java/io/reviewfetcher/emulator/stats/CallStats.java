package io.reviewfetcher.emulator.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls per endpoint and HTTP status, the 429s given (by the quota and by injected faults), and the calls of
 * each page of the list methods (a page is its parent and its page token), so a test can see how often each
 * page was fetched.
 */
@ApplicationScoped
public class CallStats {

    /** One page of a list method: its parent ({@code accounts/1}, or empty for accounts.list) and page token (empty for the first). */
    public record Page(String endpoint, String parent, String pageToken) {
    }

    /** The calls of one page, by HTTP status. */
    @RegisterForReflection // inside a list in /emulator/stats/pages, which native builds cannot see through
    public record PageCalls(String endpoint, String parent, String pageToken, Map<String, Long> statuses) {
    }

    private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> calls = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Page, ConcurrentHashMap<Integer, LongAdder>> pages = new ConcurrentHashMap<>();
    private final LongAdder quotaRejections = new LongAdder();
    private final LongAdder injected429 = new LongAdder();

    public void record(String endpoint, int status) {
        calls.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    public void recordPage(Page page, int status) {
        pages.computeIfAbsent(page, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
    }

    /** Every page called since start or the last reset, optionally of one endpoint; sorted by endpoint, parent, token. */
    public List<PageCalls> pages(String endpoint) {
        List<PageCalls> out = new ArrayList<>();
        pages.forEach((page, statuses) -> {
            if (endpoint == null || endpoint.isEmpty() || endpoint.equals(page.endpoint())) {
                Map<String, Long> counts = new TreeMap<>();
                statuses.forEach((status, n) -> counts.put(Integer.toString(status), n.sum()));
                out.add(new PageCalls(page.endpoint(), page.parent(), page.pageToken(), counts));
            }
        });
        out.sort(Comparator.comparing(PageCalls::endpoint).thenComparing(PageCalls::parent).thenComparing(PageCalls::pageToken));
        return out;
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
        pages.clear();
        quotaRejections.reset();
        injected429.reset();
    }
}
