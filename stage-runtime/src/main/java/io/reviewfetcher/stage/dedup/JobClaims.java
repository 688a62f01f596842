package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

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
 * <p>One hash per job and kind, {@code rf:cl:<job>} or {@code rf:cr:<job>}, kept {@link DedupRetention#KEEP} after
 * its last claim. An owner's provisional claims are a field of the same hash ({@code /p/<owner>}, a JSON list; a
 * review or location id is a path segment of a Google name and never holds a {@code /}), so the script keeps to one
 * key (Redis Cluster). A plain class, not a bean: only the workers that claim bring the Redis extension.
 */
public class JobClaims {
    /** What is claimed: each kind is a hash of its own per job. */
    public enum Kind {
        LOCATIONS("rf:cl:", "locations"),
        REVIEWS("rf:cr:", "reviews");

        private final String prefix;
        private final String legacySuffix;

        Kind(String prefix, String legacySuffix) {
            this.prefix = prefix;
            this.legacySuffix = legacySuffix;
        }
    }

    /** The hash field holding an owner's provisional claims. */
    static final String PROVISIONAL = "/p/";

    /**
     * KEYS: 1 the job's claims (id → owner, and each owner's provisional claims). ARGV: owner, seconds to keep, ids.
     * Lets the owner's earlier provisional claims not among the ids lapse, then claims every id for the owner or
     * confirms the owner's earlier claim, and records what it owns as provisional; one round trip.
     */
    private static final LuaScript CLAIM = LuaScript.of("""
            local mark = '/p/' .. ARGV[1]
            local wanted = {}
            for i = 3, #ARGV do
              wanted[ARGV[i]] = true
            end
            local before = redis.call('HGET', KEYS[1], mark)
            if before then
              for _, id in ipairs(cjson.decode(before)) do
                if not wanted[id] and redis.call('HGET', KEYS[1], id) == ARGV[1] then
                  redis.call('HDEL', KEYS[1], id)
                end
              end
              redis.call('HDEL', KEYS[1], mark)
            end
            local owned = {}
            for i = 3, #ARGV do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1]) == 1 or redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
                owned[#owned + 1] = ARGV[i]
              end
            end
            if #owned > 0 then
              redis.call('HSET', KEYS[1], mark, cjson.encode(owned))
              redis.call('EXPIRE', KEYS[1], ARGV[2])
            end
            return owned
            """);

    private final ReactiveRedisDataSource redis;
    private final Kind kind;

    public JobClaims(ReactiveRedisDataSource redis, Kind kind) {
        this.redis = redis;
        this.kind = kind;
    }

    /**
     * The ids among {@code ids} that {@code owner} owns now, provisionally until {@link #confirm}; the owner's
     * earlier provisional claims not among them lapse. Runs also without ids: that frees them all.
     */
    public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
        return claimableAfterLegacy(jobId, owner, ids).chain(claimable -> {
            List<String> args = new ArrayList<>(List.of(owner, Long.toString(DedupRetention.KEEP.toSeconds())));
            args.addAll(claimable);
            return CLAIM.run(redis, List.of(key(jobId)), args).map(reply -> {
                Set<String> owned = new HashSet<>();
                reply.forEach(id -> owned.add(id.toString()));
                return owned;
            });
        });
    }

    /** What {@code owner} claimed is published: its claims no longer lapse. */
    public Uni<Void> confirm(String jobId, String owner) {
        return redis.execute("HDEL", key(jobId), PROVISIONAL + owner).replaceWithVoid();
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

    private String key(String jobId) {
        return kind.prefix + jobId;
    }

    /**
     * The ids no other task owns in the book the release before this one kept ({@code rf:job:<job>:<kind>}): during
     * a rolling upgrade its pods still claim there, and a job begun under it has its claims there. A separate read,
     * not part of the script, so the script keeps to one key (Redis Cluster). Remove it once no pod of that release
     * runs and {@link DedupRetention#KEEP} has passed since: no record of a job begun under it can come back then.
     */
    private Uni<List<String>> claimableAfterLegacy(String jobId, String owner, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> args = new ArrayList<>(ids.size() + 1);
        args.add("rf:job:" + jobId + ":" + kind.legacySuffix);
        args.addAll(ids);
        return redis.execute("HMGET", args.toArray(String[]::new)).map(owners -> {
            List<String> claimable = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                Response previous = owners.get(i);
                if (previous == null || previous.toString().equals(owner)) {
                    claimable.add(ids.get(i));
                }
            }
            return claimable;
        });
    }
}
