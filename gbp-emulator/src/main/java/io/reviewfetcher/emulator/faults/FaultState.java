package io.reviewfetcher.emulator.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The faults in force, compiled from the last {@link FaultSettings} into fields the hot path reads
 * with one volatile load. Decisions are random per call, as real outages are.
 */
@ApplicationScoped
public class FaultState {

    private volatile Compiled current = compile(FaultSettings.NONE);

    /** The list methods whose pages {@code pageSizeLimits} and {@code failFirstCallsPerPage} may name. */
    public static final Set<String> LIST_METHODS = Set.of("accounts.list", "locations.list", "reviews.list");

    /**
     * Faults as the hot path needs them.
     *
     * @param pageCalls calls that reached each page of a list method named in {@code failFirstCalls}, since
     *                  these faults were installed
     * @param push      the faults of the Pub/Sub pushes
     */
    public record Compiled(FaultSettings settings, double rate500, double rate503, double rate429,
                           Set<String> endpoints, long fixedMs, long randomMs, Set<String> forbidden,
                           Set<String> notFound, double pageDropRate, boolean serviceDisabled,
                           Map<String, Integer> pageSizeLimits, Map<String, Integer> failFirstCalls,
                           ConcurrentHashMap<String, AtomicInteger> pageCalls, PushFaultRules push) {

        /** The page size a list method serves: what was asked, or less under {@code pageSizeLimits}. */
        public int pageSize(String endpoint, int asked) {
            Integer limit = pageSizeLimits.get(endpoint);
            return limit == null ? asked : Math.min(asked, limit);
        }

        /**
         * Whether this call of a list page answers 503 under {@code failFirstCallsPerPage}: it does while the page
         * has had fewer calls than configured. Counts the call.
         *
         * @param page the page: its parent and page token
         */
        public boolean failsPageCall(String endpoint, String page) {
            Integer failures = failFirstCalls.get(endpoint);
            if (failures == null || failures == 0) {
                return false;
            }
            return pageCalls.computeIfAbsent(endpoint + " " + page, p -> new AtomicInteger()).incrementAndGet() <= failures;
        }

        public boolean appliesTo(String endpoint, boolean listedOnly) {
            return endpoints.isEmpty() ? !listedOnly : endpoints.contains(endpoint);
        }

        /** The status to inject for this call (429, 500 or 503), or 0 for none. */
        public int rollError(String endpoint, boolean listedOnly) {
            if (rate500 + rate503 + rate429 == 0 || !appliesTo(endpoint, listedOnly)) {
                return 0;
            }
            double p = ThreadLocalRandom.current().nextDouble();
            if (p < rate429) {
                return 429;
            }
            if (p < rate429 + rate500) {
                return 500;
            }
            return p < rate429 + rate500 + rate503 ? 503 : 0;
        }

        public long latencyMs() {
            return fixedMs + (randomMs > 0 ? ThreadLocalRandom.current().nextLong(randomMs + 1) : 0);
        }

        public boolean dropFromLaterPage() {
            return pageDropRate > 0 && ThreadLocalRandom.current().nextDouble() < pageDropRate;
        }
    }

    public Compiled current() {
        return current;
    }

    /** Validates and installs; throws IllegalArgumentException naming the bad field. */
    public void install(FaultSettings settings) {
        current = compile(settings == null ? FaultSettings.NONE : settings);
    }

    public void clear() {
        current = compile(FaultSettings.NONE);
    }

    static Compiled compile(FaultSettings s) {
        Map<String, Double> rates = new HashMap<>(s.errorRates() == null ? Map.of() : s.errorRates());
        for (Map.Entry<String, Double> rate : rates.entrySet()) {
            if (!Set.of("429", "500", "503").contains(rate.getKey())) {
                throw new IllegalArgumentException("errorRates: only \"429\", \"500\" and \"503\" are supported");
            }
            checkRate("errorRates." + rate.getKey(), rate.getValue());
        }
        double r429 = rates.getOrDefault("429", 0.0);
        double r500 = rates.getOrDefault("500", 0.0);
        double r503 = rates.getOrDefault("503", 0.0);
        if (r429 + r500 + r503 > 1.0) {
            throw new IllegalArgumentException("errorRates: the rates add up to more than 1");
        }
        double drop = s.reviewPageDropRate() == null ? 0 : s.reviewPageDropRate();
        checkRate("reviewPageDropRate", drop);
        long fixed = s.latency() == null || s.latency().fixedMs() == null ? 0 : s.latency().fixedMs();
        long random = s.latency() == null || s.latency().randomMs() == null ? 0 : s.latency().randomMs();
        if (fixed < 0 || random < 0) {
            throw new IllegalArgumentException("latency: must not be negative");
        }
        return new Compiled(s, r500, r503, r429, Set.copyOf(nullToEmpty(s.endpoints())), fixed, random,
                locationIds(s.forbiddenLocations()), locationIds(s.notFoundLocations()), drop,
                Boolean.TRUE.equals(s.serviceDisabled()), perListMethod("pageSizeLimits", s.pageSizeLimits(), 1),
                perListMethod("failFirstCallsPerPage", s.failFirstCallsPerPage(), 0), new ConcurrentHashMap<>(),
                PushFaultRules.compile(s.push()));
    }

    private static Map<String, Integer> perListMethod(String field, Map<String, Integer> values, int min) {
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<String, Integer> value : values.entrySet()) {
            if (!LIST_METHODS.contains(value.getKey())) {
                throw new IllegalArgumentException(field + ": only accounts.list, locations.list and reviews.list have pages");
            }
            if (value.getValue() == null || value.getValue() < min) {
                throw new IllegalArgumentException(field + "." + value.getKey() + ": must be at least " + min);
            }
        }
        return Map.copyOf(values);
    }

    private static void checkRate(String field, Double rate) {
        if (rate == null || rate < 0 || rate > 1) {
            throw new IllegalArgumentException(field + ": must be between 0 and 1");
        }
    }

    /** Accepts "123", "locations/123" and "accounts/9/locations/123"; keeps the location id. */
    private static Set<String> locationIds(List<String> names) {
        Set<String> ids = new HashSet<>();
        for (String name : nullToEmpty(names)) {
            int slash = name.lastIndexOf('/');
            ids.add(slash < 0 ? name : name.substring(slash + 1));
        }
        return Set.copyOf(ids);
    }

    private static List<String> nullToEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
