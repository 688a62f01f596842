package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;

import java.time.Duration;

/** {@link FinishedTasks} as one Redis set of task ids per job. */
final class RedisFinishedTasks implements FinishedTasks {
    private final ReactiveRedisDataSource redis;
    private final Duration keep;

    RedisFinishedTasks(ReactiveRedisDataSource redis, Duration keep) {
        this.redis = redis;
        this.keep = keep;
    }

    @Override
    public Uni<Boolean> contains(StageEvent task) {
        return redis.execute("SISMEMBER", key(task), TaskIds.of(task)).map(answer -> answer.toInteger() == 1);
    }

    @Override
    public Uni<Void> add(StageEvent task) {
        String key = key(task);
        return redis.execute("SADD", key, TaskIds.of(task))
                .chain(() -> redis.execute("EXPIRE", key, Long.toString(keep.toSeconds())))
                .replaceWithVoid();
    }

    private static String key(StageEvent task) {
        return "rf:job:" + task.jobId() + ":finished";
    }
}
