package io.reviewfetcher.tokens.quota;

import io.quarkus.redis.datasource.RedisDataSource;
import io.reviewfetcher.support.redis.LuaScript;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The permits the bucket granted, as {@code token-bucket.lua} records them (one permit = one Google call):
 * how many in the last 60 s and in each of the last 60 minutes, read in one script on Redis's clock, so
 * every pod answers alike whatever its own clock says.
 */
@ApplicationScoped
public class PermitHistory {

    static final String SCRIPT_RESOURCE = "quota/permit-history.lua";

    private final RedisDataSource redis;
    private final QuotaPlan plan;
    private final List<String> keys;
    private final LuaScript script;

    public PermitHistory(RedisDataSource redis, QuotaBucket bucket) {
        this.redis = redis;
        this.plan = bucket.plan();
        List<String> bucketKeys = bucket.keys();
        // The level, the seconds and the minutes; not the waiting callers.
        this.keys = List.of(bucketKeys.get(0), bucketKeys.get(2), bucketKeys.get(3));
        this.script = LuaScript.fromResource(SCRIPT_RESOURCE);
    }

    /**
     * @param measuredAt     Redis's time of the reading
     * @param permitsLast60s permits granted in the last 60 whole seconds, the current one included
     * @param bucketLevel    tokens in the bucket now (negative: promised to waiting callers)
     * @param perMinute      the last 60 minutes, the current one last
     */
    public record Reading(Instant measuredAt, long permitsLast60s, double bucketLevel, List<Minute> perMinute) {
    }

    /** @param minute the minute's start */
    public record Minute(Instant minute, long permits) {
    }

    public QuotaPlan plan() {
        return plan;
    }

    /** @throws QuotaUnavailableException when Redis does not answer */
    public Reading read() {
        Response answer;
        try {
            answer = script.runBlocking(redis, keys, List.of(Long.toString(plan.capacity()), Double.toString(plan.ratePerMillisecond())));
        } catch (RuntimeException e) {
            throw new QuotaUnavailableException(e);
        }
        long firstMinute = answer.get(3).toLong();
        Response counts = answer.get(4);
        List<Minute> perMinute = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            perMinute.add(new Minute(Instant.ofEpochSecond((firstMinute + i) * 60), counts.get(i).toLong()));
        }
        return new Reading(Instant.ofEpochMilli(answer.get(0).toLong()), answer.get(1).toLong(),
                Double.parseDouble(answer.get(2).toString()), List.copyOf(perMinute));
    }
}
