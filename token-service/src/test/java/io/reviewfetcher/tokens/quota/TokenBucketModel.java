package io.reviewfetcher.tokens.quota;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code quota/token-bucket.lua} in Java, statement for statement, with the clock as a parameter instead of
 * Redis's {@code TIME}: what the script decides for one request, for tests that need thousands of minutes of
 * permits without Redis. Kept beside the script's real test ({@link QuotaBucketTest}, against Redis): a
 * change to the script is a change here.
 */
final class TokenBucketModel {
    private final long capacity;
    private final double rate;
    private final long redeemWindow;
    private final long window;

    /** The hash {tokens, ts}, absent before the first request and after its TTL. */
    private Double tokens;
    private Double ts;
    /** The sorted set: caller → the time (ms) its promised token matures. */
    private final Map<String, Double> waiting = new HashMap<>();
    private long expiresAt = Long.MAX_VALUE;

    TokenBucketModel(QuotaPlan plan) {
        // The script's ARGV, as QuotaBucket.acquire writes them.
        this.capacity = plan.capacity();
        this.rate = Double.parseDouble(Double.toString(plan.ratePerMillisecond()));
        this.redeemWindow = plan.redeemWindow().toMillis();
        this.window = plan.window().toMillis();
    }

    /** One permit request by {@code caller} at Redis time {@code now} (ms). */
    QuotaDecision acquire(long now, String caller) {
        if (now >= expiresAt) { // PEXPIRE: both keys vanish after the TTL without a request
            tokens = null;
            ts = null;
            waiting.clear();
        }
        double tokens;
        double ts;
        if (this.tokens == null || this.ts == null) {
            tokens = capacity;
            ts = now;
        } else {
            tokens = this.tokens;
            ts = this.ts;
        }
        if (now > ts) {
            tokens = Math.min(capacity, tokens + (now - ts) * rate);
            ts = now;
        }

        // ZREMRANGEBYSCORE key -inf (now - redeem_window: scores strictly below it
        waiting.values().removeIf(matures -> matures < now - redeemWindow);

        boolean granted = false;
        long wait = 0;
        Double promised = waiting.get(caller);
        if (promised != null) {
            if (promised <= now) {
                waiting.remove(caller);
                granted = true;
            } else {
                wait = (long) (promised - now);
            }
        } else if (tokens >= 1) {
            tokens = tokens - 1;
            granted = true;
        } else {
            tokens = tokens - 1;
            wait = (long) Math.ceil(-tokens / rate);
            waiting.put(caller, (double) (now + wait));
        }

        // HSET writes tostring(tokens): Lua 5.1 prints numbers with 14 significant digits ("%.14g").
        this.tokens = luaNumber(tokens);
        this.ts = luaNumber(ts);
        long ttl = (long) Math.ceil((capacity - tokens) / rate) + window;
        expiresAt = now + ttl;
        return new QuotaDecision(granted, wait, this.tokens, waiting.size());
    }

    private static double luaNumber(double value) {
        return new BigDecimal(value).round(new MathContext(14)).doubleValue();
    }
}
