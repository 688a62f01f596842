package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.smallrye.mutiny.Uni;

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
     * Shared by every pod through Redis, kept {@link DedupRetention#KEEP} after a job's last finished task. Not a
     * bean: only the workers that use it bring the Redis extension.
     */
    static FinishedTasks inRedis(ReactiveRedisDataSource redis) {
        return new RedisFinishedTasks(redis);
    }
}
