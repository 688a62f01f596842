package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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
 * published once). The owner itself may claim again: a redelivered task re-publishes what it owns, which is
 * what makes the claim safe under at-least-once — a crash between claim and publish loses nothing.
 *
 * <p>One hash per job and kind, {@code rf:cl:<job>} or {@code rf:cr:<job>}, kept {@link DedupRetention#KEEP} after
 * its last claim. A plain class, not a bean: only the workers that claim bring the Redis extension.
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

    /** Claims every id for the owner, or confirms the owner's earlier claim; one round trip. */
    private static final LuaScript CLAIM = LuaScript.of("""
            local owned = {}
            for i = 3, #ARGV do
              if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[1]) == 1 or redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[1] then
                owned[#owned + 1] = ARGV[i]
              end
            end
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return owned
            """);

    private final ReactiveRedisDataSource redis;
    private final Kind kind;

    public JobClaims(ReactiveRedisDataSource redis, Kind kind) {
        this.redis = redis;
        this.kind = kind;
    }

    /** The ids among {@code ids} that {@code owner} owns now. */
    public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return claimableAfterLegacy(jobId, owner, ids).chain(claimable -> {
            if (claimable.isEmpty()) {
                return Uni.createFrom().item(Set.<String>of());
            }
            List<String> args = new ArrayList<>(List.of(owner, Long.toString(DedupRetention.KEEP.toSeconds())));
            args.addAll(claimable);
            return CLAIM.run(redis, List.of(kind.prefix + jobId), args).map(reply -> {
                Set<String> owned = new HashSet<>();
                reply.forEach(id -> owned.add(id.toString()));
                return owned;
            });
        });
    }

    /**
     * The ids no other task owns in the book the release before this one kept ({@code rf:job:<job>:<kind>}): during
     * a rolling upgrade its pods still claim there, and a job begun under it has its claims there. A separate read,
     * not part of the script, so the script keeps to one key (Redis Cluster). Remove it once no pod of that release
     * runs and {@link DedupRetention#KEEP} has passed since: no record of a job begun under it can come back then.
     */
    private Uni<List<String>> claimableAfterLegacy(String jobId, String owner, List<String> ids) {
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
