package io.reviewfetcher.stage;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The tasks of a job whose results are all durable, shared by every pod through Redis. A record delivered
 * again after its task finished (a pod killed before its commit, a rebalance, a parent task re-run that
 * spawns the same children) is acknowledged without doing the work twice, so a crash costs a few duplicate
 * reviews instead of a location's or an account's worth. Only success marks a task: a task routed to
 * retry or dead-lettered stays open for its next attempt or a replay.
 *
 * <p>A plain class, not a bean: only the workers that use it bring the Redis extension.
 */
public class FinishedTasks {
    private final ReactiveRedisDataSource redis;
    private final Duration keep;

    /** @param keep how long the record of a job's finished tasks is kept (longer than any redelivery) */
    public FinishedTasks(ReactiveRedisDataSource redis, Duration keep) {
        this.redis = redis;
        this.keep = keep;
    }

    public Uni<Boolean> contains(StageEvent task) {
        return redis.execute("SISMEMBER", key(task), TaskIds.of(task)).map(answer -> answer.toInteger() == 1);
    }

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
