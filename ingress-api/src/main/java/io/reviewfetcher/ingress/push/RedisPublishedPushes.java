package io.reviewfetcher.ingress.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** {@link PublishedPushes} in Redis: a key per job id, kept {@code rememberPublished} (7 days, Pub/Sub's longest retention). */
@ApplicationScoped
public class RedisPublishedPushes implements PublishedPushes {

    static final String KEY_PREFIX = "rf:notifications:published:";

    private final ReactiveKeyCommands<String> keys;
    private final ReactiveValueCommands<String, String> values;
    private final Duration ttl;

    public RedisPublishedPushes(ReactiveRedisDataSource redis, GooglePushConfig config) {
        this.keys = redis.key(String.class);
        this.values = redis.value(String.class);
        this.ttl = config.rememberPublished();
    }

    @Override
    public Uni<Boolean> wasPublished(String jobId) {
        return keys.exists(KEY_PREFIX + jobId);
    }

    /** SET NX: a second marker (two pods took the same message at once) keeps the first one's expiry. */
    @Override
    public Uni<Void> remember(String jobId) {
        return values.set(KEY_PREFIX + jobId, "1", new SetArgs().nx().ex(ttl)).replaceWithVoid();
    }
}
