package io.reviewfetcher.tokens.quota;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.reviewfetcher.support.redis.LuaScript;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The project-wide token bucket in Redis: one EVALSHA per request, one script that refills, decides and
 * reserves atomically on Redis's clock, so every pod shares one bucket and no pod's clock matters.
 * {@link LuaScript} loads the script again whenever Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH).
 */
@ApplicationScoped
public class QuotaBucket {

    static final String SCRIPT_RESOURCE = "quota/token-bucket.lua";

    private final RedisDataSource redis;
    private final QuotaPlan plan;
    private final List<String> keys;
    private final LuaScript script;
    private volatile double lastLevel;
    private volatile long lastWaiting;

    @Inject
    public QuotaBucket(RedisDataSource redis, TokenServiceConfig config, MeterRegistry registry) {
        this(redis, QuotaPlan.of(config.quota().qpm(), config.quota().window(), config.quota().redeemWindow(),
                config.quota().callDelayMax()), config.quota().keyPrefix());
        Gauge.builder("token_service_quota_bucket_level", () -> lastLevel)
                .description("Tokens in the shared bucket as last seen by this pod (negative: promised to waiting callers)")
                .register(registry);
        Gauge.builder("token_service_quota_waiting_callers", () -> lastWaiting)
                .description("Callers holding a reserved place in the queue, as last seen by this pod")
                .register(registry);
        Gauge.builder("token_service_quota_capacity", plan::capacity).register(registry);
        Gauge.builder("token_service_quota_refill_per_second", plan::ratePerSecond).register(registry);
    }

    /** For tests and benchmarks that need a bucket of their own. */
    public QuotaBucket(RedisDataSource redis, QuotaPlan plan, String keyPrefix) {
        this.redis = redis;
        this.plan = plan;
        this.keys = keys(keyPrefix);
        this.script = LuaScript.fromResource(SCRIPT_RESOURCE);
        this.lastLevel = plan.capacity();
    }

    public QuotaPlan plan() {
        return plan;
    }

    /**
     * The bucket's keys: the level, the waiting callers, then the permits granted per second and per minute
     * (which {@link PermitHistory} reads).
     */
    List<String> keys() {
        return keys;
    }

    /**
     * The prefix, less a trailing colon, is the keys' hash tag ({@code quota:} gives {@code {quota}:bucket},
     * {@code {quota}:waiting}, {@code {quota}:granted-seconds} and {@code {quota}:granted-minutes}): the script
     * touches all of them in one call, which Redis Cluster allows only within one slot.
     */
    static List<String> keys(String prefix) {
        String tag = "{" + (prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix) + "}:";
        return List.of(tag + "bucket", tag + "waiting", tag + "granted-seconds", tag + "granted-minutes");
    }

    /**
     * Asks for one permit on behalf of {@code caller}; a caller that is told to wait has a token reserved and
     * gets it when it comes back after the wait.
     *
     * @throws QuotaUnavailableException when Redis does not answer (no permit then: fail closed)
     */
    public QuotaDecision acquire(String caller) {
        List<String> args = List.of(Long.toString(plan.capacity()), Double.toString(plan.ratePerMillisecond()), caller,
                Long.toString(plan.redeemWindow().toMillis()), Long.toString(plan.window().toMillis()));
        Response answer;
        try {
            answer = script.runBlocking(redis, keys, args);
        } catch (RuntimeException e) {
            throw new QuotaUnavailableException(e);
        }
        QuotaDecision decision = new QuotaDecision(answer.get(0).toLong() == 1, answer.get(1).toLong(),
                Double.parseDouble(answer.get(2).toString()), answer.get(3).toLong());
        lastLevel = decision.level();
        lastWaiting = decision.waiting();
        return decision;
    }
}
