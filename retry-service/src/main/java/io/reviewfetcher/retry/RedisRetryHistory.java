package io.reviewfetcher.retry;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link RetryHistory} in Redis: one hash per task, {@code r:<attempt>} the request, {@code p:<attempt>} once re-published. */
@ApplicationScoped
public class RedisRetryHistory implements RetryHistory {
    private static final Duration KEEP = Duration.ofDays(8);

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
    public Uni<Boolean> published(RetryRequest request) {
        return hashes.hexists(key(request), "p:" + request.event().attempt());
    }

    @Override
    public Uni<Void> markPublished(RetryRequest request) {
        return hashes.hset(key(request), "p:" + request.event().attempt(), "1").replaceWithVoid();
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
        return "rf:retry:" + request.jobId() + ":" + TaskIds.of(request.event());
    }
}
