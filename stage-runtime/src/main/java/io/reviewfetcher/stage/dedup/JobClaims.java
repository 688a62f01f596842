package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * "First task wins" bookkeeping per job, shared by every pod through Redis: which task owns a location (so a
 * location reached through two accounts is fetched once) or a review id (so a review seen on two pages is
 * published once). Owners are task ids ({@link TaskIds#of}).
 *
 * <p>A claim is provisional until the owner's results are durable: the claim comes before the publish, and a
 * crash between them must not leave an id owned by a task that will never publish it. A page delivered again
 * may no longer hold what it claimed (a review written meanwhile shifts the list; the claimed id now sits on
 * the next page, another task), so each claim by an owner first lets the owner's provisional claims that are
 * not on its page lapse, and what is on it the owner owns again: a redelivered task re-publishes what it owns
 * and frees what it no longer meets. The owner's claims are confirmed when it is marked finished, after its
 * publish ({@link #confirmedWhenFinished}); confirmed claims never lapse, so another page meeting the id again
 * skips it. Other tasks treat a provisional claim as taken, so the normal case still publishes each id once.
 *
 * <p>A plain class, not a bean: only the workers that claim bring the Redis extension.
 */
public class JobClaims {
    /**
     * KEYS: 1 the job's claims (id → owner), 2 the owner's provisional claims. ARGV: owner, seconds to keep, ids.
     * Lets the owner's earlier provisional claims not among the ids lapse, then claims every id for the owner or
     * confirms the owner's earlier claim; one round trip.
     */
    private static final LuaScript CLAIM = LuaScript.of("""
            local wanted = {}
            for i = 3, #ARGV do
              wanted[ARGV[i]] = true
            end
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if not wanted[id] and redis.call('HGET', KEYS[1], id) == ARGV[1] then
                redis.call('HDEL', KEYS[1], id)
              end
            end
            redis.call('DEL', KEYS[2])
            local owned = {}
            for i = 3, #ARGV do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1]) == 1 or redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
                owned[#owned + 1] = ARGV[i]
              end
            end
            if #owned > 0 then
              redis.call('SADD', KEYS[2], unpack(owned))
              redis.call('EXPIRE', KEYS[2], ARGV[2])
              redis.call('EXPIRE', KEYS[1], ARGV[2])
            end
            return owned
            """);

    private final ReactiveRedisDataSource redis;
    private final String kind;
    private final Duration keep;

    /** @param kind what is claimed, e.g. {@code locations}; @param keep how long the book outlives the job */
    public JobClaims(ReactiveRedisDataSource redis, String kind, Duration keep) {
        this.redis = redis;
        this.kind = kind;
        this.keep = keep;
    }

    /**
     * The ids among {@code ids} that {@code owner} owns now, provisionally until {@link #confirm}; the owner's
     * earlier provisional claims not among them lapse. Runs also without ids: that frees them all.
     */
    public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
        List<String> args = new ArrayList<>(List.of(owner, Long.toString(keep.toSeconds())));
        args.addAll(ids);
        return CLAIM.run(redis, List.of(book(jobId), provisional(jobId, owner)), args).map(reply -> {
            Set<String> owned = new HashSet<>();
            reply.forEach(id -> owned.add(id.toString()));
            return owned;
        });
    }

    /** What {@code owner} claimed is published: its claims no longer lapse. */
    public Uni<Void> confirm(String jobId, String owner) {
        return redis.execute("DEL", provisional(jobId, owner)).replaceWithVoid();
    }

    /**
     * {@code finished}, confirming a task's claims when the task is marked finished: the runner marks it only
     * once everything the task produced is durable, so that is when its claims become final.
     */
    public FinishedTasks confirmedWhenFinished(FinishedTasks finished) {
        return new FinishedTasks() {
            @Override
            public Uni<Boolean> contains(StageEvent task) {
                return finished.contains(task);
            }

            @Override
            public Uni<Void> add(StageEvent task) {
                return confirm(task.jobId(), TaskIds.of(task)).chain(() -> finished.add(task));
            }
        };
    }

    private String book(String jobId) {
        return "rf:job:" + jobId + ":" + kind;
    }

    private String provisional(String jobId, String owner) {
        return book(jobId) + ":provisional:" + owner;
    }
}
