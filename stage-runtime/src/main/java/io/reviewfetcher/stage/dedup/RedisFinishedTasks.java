package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;

/** {@link FinishedTasks} as one Redis set of task ids per job, {@code rf:ft:<job>}. */
final class RedisFinishedTasks implements FinishedTasks {
    private static final String KEEP_SECONDS = Long.toString(DedupRetention.KEEP.toSeconds());

    private final ReactiveRedisDataSource redis;

    RedisFinishedTasks(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Also asks the set the release before this one kept ({@code rf:job:<job>:finished}), at the same time: a task it
     * finished is not worked again by this one during a rolling upgrade or for a job begun under it. Remove that
     * once no pod of that release runs and {@link DedupRetention#KEEP} has passed since.
     */
    @Override
    public Uni<Boolean> contains(StageEvent task) {
        String id = TaskIds.of(task);
        return Uni.combine().all()
                .unis(isMember("rf:ft:" + task.jobId(), id), isMember("rf:job:" + task.jobId() + ":finished", id))
                .with((now, before) -> now || before);
    }

    @Override
    public Uni<Void> add(StageEvent task) {
        String key = "rf:ft:" + task.jobId();
        return redis.execute("SADD", key, TaskIds.of(task))
                .chain(() -> redis.execute("EXPIRE", key, KEEP_SECONDS))
                .replaceWithVoid();
    }

    private Uni<Boolean> isMember(String key, String id) {
        return redis.execute("SISMEMBER", key, id).map(answer -> answer.toInteger() == 1);
    }
}
