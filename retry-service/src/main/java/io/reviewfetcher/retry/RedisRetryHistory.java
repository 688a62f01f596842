package io.reviewfetcher.retry;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link RetryHistory} in Redis, per generation: a hash {@code rf:retry:<generation>} with {@code r:<attempt>}
 * the request, and a key {@code rf:retry:<generation>:p:<attempt>} per re-publication, holding its holder
 * while claimed and {@code published} once done.
 */
@ApplicationScoped
public class RedisRetryHistory implements RetryHistory {
    private static final Duration KEEP = Duration.ofDays(8);
    /**
     * How long a claim outlives its last renewal: longer than a publication can take (the producer gives up
     * after its 2 min delivery timeout), so a live holder keeps it; a holder that died gives it up after this.
     */
    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    private static final String PUBLISHED = "published";

    /**
     * One round trip, so two holders cannot both see the attempt free. KEYS[1] the attempt's claim, KEYS[2] the
     * generation's hash, where pods before claims marked {@code p:<attempt>} (ARGV[3]); ARGV[1] the holder,
     * ARGV[2] the lease in ms.
     */
    private static final LuaScript CLAIM = LuaScript.of("""
            local holder = redis.call('GET', KEYS[1])
            if holder == 'published' or redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then
              return 'PUBLISHED'
            end
            if holder and holder ~= ARGV[1] then
              return 'TAKEN'
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 'PUBLISH'
            """);

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;

    public RedisRetryHistory(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
    }

    @Override
    public Uni<Void> remember(RetryRequest request) {
        String key = key(request);
        return hashes.hset(key, "r:" + request.event().attempt(), EventCodec.encodeToString(request))
                .chain(() -> redis.key().expire(key, KEEP)).replaceWithVoid();
    }

    @Override
    public Uni<Claim> claim(RetryRequest request, String holder) {
        return CLAIM.run(redis, List.of(claimKey(request), key(request)),
                        List.of(holder, Long.toString(CLAIM_LEASE.toMillis()), "p:" + request.event().attempt()))
                .map(answer -> Claim.valueOf(answer.toString()));
    }

    @Override
    public Uni<Void> markPublished(RetryRequest request) {
        return redis.execute("SET", claimKey(request), PUBLISHED, "EX", Long.toString(KEEP.toSeconds())).replaceWithVoid();
    }

    @Override
    public Uni<List<Failure>> failures(RetryRequest latest) {
        return hashes.hgetall(key(latest)).map(fields -> {
            Map<Integer, Failure> byAttempt = new TreeMap<>();
            fields.forEach((field, json) -> {
                if (field.startsWith("r:")) {
                    ((RetryRequest) EventCodec.decode(json)).failures().forEach(f -> byAttempt.putIfAbsent(f.attempt(), f));
                }
            });
            latest.failures().forEach(f -> byAttempt.put(f.attempt(), f));
            return byAttempt.values().stream().sorted(Comparator.comparingInt(Failure::attempt)).toList();
        });
    }

    private static String key(RetryRequest request) {
        return "rf:retry:" + RetryHistory.generation(request);
    }

    private static String claimKey(RetryRequest request) {
        return key(request) + ":p:" + request.event().attempt();
    }
}
