package io.reviewfetcher.stage.dedup;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
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
 * published once). The owner itself may claim again: a redelivered task re-publishes what it owns, which is
 * what makes the claim safe under at-least-once — a crash between claim and publish loses nothing.
 *
 * <p>A plain class, not a bean: only the workers that claim bring the Redis extension.
 */
public class JobClaims {
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
    private final String kind;
    private final Duration keep;

    /** @param kind what is claimed, e.g. {@code locations}; @param keep how long the book outlives the job */
    public JobClaims(ReactiveRedisDataSource redis, String kind, Duration keep) {
        this.redis = redis;
        this.kind = kind;
        this.keep = keep;
    }

    /** The ids among {@code ids} that {@code owner} owns now. */
    public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> args = new ArrayList<>(List.of(owner, Long.toString(keep.toSeconds())));
        args.addAll(ids);
        return CLAIM.run(redis, List.of("rf:job:" + jobId + ":" + kind), args).map(reply -> {
            Set<String> owned = new HashSet<>();
            reply.forEach(id -> owned.add(id.toString()));
            return owned;
        });
    }
}
