package io.reviewfetcher.retry.dlq;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.reviewfetcher.retry.RetryConfig;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ReplayMarks} in one Redis sorted set, {@code rf:dlq:replayed}: member {@code <partition>:<offset>},
 * score the replay's epoch ms. A letter leaves fetch-dlq after its retention, so a mark is trimmed once it is
 * older than that ({@link RetryConfig#dlqRetention()}), and the key expires that long after the last replay.
 */
@ApplicationScoped
public class RedisReplayMarks implements ReplayMarks {
    static final String KEY = "rf:dlq:replayed";

    /**
     * One round trip for the marks, the trim and the expiry, so the set never grows without its trim. KEYS[1]
     * the set; ARGV[1] the replay's epoch ms, ARGV[2] the epoch ms before which marks are dropped, ARGV[3] how
     * long the set is kept in ms, ARGV[4..] the positions.
     */
    private static final LuaScript MARK = LuaScript.of("""
            for i = 4, #ARGV do
              redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 0
            """);

    private final ReactiveRedisDataSource redis;
    private final ReactiveSortedSetCommands<String, String> sortedSets;
    private final String key;
    private final Duration keep;

    @Inject
    public RedisReplayMarks(ReactiveRedisDataSource redis, RetryConfig config) {
        this(redis, KEY, config.dlqRetention());
    }

    /** Another key: tests use one of their own in the shared Redis. */
    RedisReplayMarks(ReactiveRedisDataSource redis, String key, Duration keep) {
        this.redis = redis;
        this.sortedSets = redis.sortedSet(String.class);
        this.key = key;
        this.keep = keep;
    }

    @Override
    public Uni<Void> mark(List<DeadLetterArchive.Stored> letters, Instant replayedAt) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(letters.size() + 3);
        args.add(Long.toString(replayedAt.toEpochMilli()));
        args.add(Long.toString(replayedAt.minus(keep).toEpochMilli()));
        args.add(Long.toString(keep.toMillis()));
        letters.forEach(letter -> args.add(member(letter)));
        return MARK.run(redis, List.of(key), args).replaceWithVoid();
    }

    @Override
    public Uni<List<Instant>> replayedAt(List<DeadLetterArchive.Stored> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String[] members = letters.stream().map(RedisReplayMarks::member).toArray(String[]::new);
        return sortedSets.zmscore(key, members).map(scores -> {
            List<Instant> times = new ArrayList<>(scores.size());
            scores.forEach(score -> times.add(score == null ? null : Instant.ofEpochMilli(score.longValue())));
            return times;
        });
    }

    /** A letter's position: what names it in fetch-dlq for as long as the topic is not made anew. */
    static String member(DeadLetterArchive.Stored letter) {
        return letter.partition() + ":" + letter.offset();
    }
}
