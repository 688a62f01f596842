package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The tasks of a job whose results are all durable. A record delivered again after its task finished (a pod
 * killed before its commit, a rebalance, a parent task re-run that spawns the same children) is acknowledged
 * without doing the work twice, so a crash costs a few duplicate reviews instead of a location's or an
 * account's worth. Only success marks a task: a task routed to retry or dead-lettered stays open for its next
 * attempt or a replay. A stage uses it through {@link io.reviewfetcher.stage.DeduplicatingStageRunner}.
 */
public interface FinishedTasks {

    Uni<Boolean> contains(StageEvent task);

    Uni<Void> add(StageEvent task);

    /**
     * Shared by every pod through Redis. Not a bean: only the workers that use it bring the Redis extension.
     *
     * @param keep how long the record of a job's finished tasks is kept (longer than any redelivery)
     */
    static FinishedTasks inRedis(ReactiveRedisDataSource redis, Duration keep) {
        return new RedisFinishedTasks(redis, keep);
    }
}
