package io.reviewfetcher.ingress.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.reviewfetcher.ingress.admission.RateLimited.Limit;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The admission limits: at most {@code jobs-per-minute-per-key} jobs per API key and {@code jobs-per-minute-per-credential}
 * per credential in any minute, counted in Redis so that every ingress-api pod counts against the same windows. Each
 * window slides: a sorted set of the jobs admitted in the last 60 s (at most the limit's number of entries). One script
 * ({@code admission/admit.lua}) checks both of a job's windows and adds the job to both or to neither, so a job refused
 * for its credential takes nothing from its key. A limit of 0 is off; with nothing to count Redis is not asked.
 * <p>
 * When Redis does not answer the job is refused ({@link AdmissionUnavailable}, 503), never admitted unchecked: the limits
 * keep one caller from flooding token-service and the shared Google quota, and an outage must not lift them.
 * Every key shares the hash tag {@code {admission}}: one script touches a key's and a credential's window, which Redis
 * Cluster allows only within one slot (one call per job is little load for one node).
 */
@Startup // a negative limit stops the start, not the first job
@ApplicationScoped
public class JobAdmission {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String PREFIX = "rate:{admission}:";

    /** One window a job counts against: its limit and the sorted set that holds it. */
    record Window(Limit limit, int perMinute, String redisKey) {
    }

    private final ReactiveRedisDataSource redis;
    private final LuaScript script = LuaScript.fromResource("admission/admit.lua");
    private final int perKey;
    private final int perCredential;
    private final Duration unavailableRetryAfter;
    private final Map<Limit, Counter> refused = new EnumMap<>(Limit.class);

    @Inject
    public JobAdmission(ReactiveRedisDataSource redis, IngressConfig config, MeterRegistry registry) {
        this(redis, config.admission().jobsPerMinutePerKey(), config.admission().jobsPerMinutePerCredential(),
                config.submissions().retryAfter(), registry);
    }

    JobAdmission(ReactiveRedisDataSource redis, int perKey, int perCredential, Duration unavailableRetryAfter, MeterRegistry registry) {
        this.redis = redis;
        this.perKey = atLeastZero(perKey, "INGRESS_JOBS_PER_MINUTE_PER_KEY");
        this.perCredential = atLeastZero(perCredential, "INGRESS_JOBS_PER_MINUTE_PER_CREDENTIAL");
        this.unavailableRetryAfter = unavailableRetryAfter;
        for (Limit limit : Limit.values()) {
            refused.put(limit, Counter.builder("ingress_admission_refused")
                    .description("Jobs answered 429 because their API key or credential reached its jobs-per-minute limit")
                    .tag("limit", limit.label()).register(registry));
        }
    }

    /** Completes once the job is admitted (and counted); fails with {@link RateLimited} or {@link AdmissionUnavailable}. */
    public Uni<Void> admit(RateSubjects subjects) {
        List<Window> windows = windows(subjects);
        if (windows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> keys = windows.stream().map(Window::redisKey).toList();
        List<String> args = new ArrayList<>(windows.size() + 2);
        args.add(Long.toString(WINDOW.toMillis()));
        args.add(UUID.randomUUID().toString());
        windows.forEach(window -> args.add(Integer.toString(window.perMinute())));
        return Uni.createFrom().deferred(() -> script.run(redis, keys, args))
                .onFailure().transform(failure -> {
                    // The type only: a client library's message may carry a host or a command's arguments.
                    Log.warnf("A job was refused 503: the admission counters (Redis) did not answer (%s)", failure.getClass().getSimpleName());
                    return new AdmissionUnavailable(unavailableRetryAfter);
                })
                .invoke(answer -> {
                    RateLimited refusal = refusal(windows, answer.get(0).toLong(), answer.get(1).toLong());
                    if (refusal != null) {
                        refused.get(refusal.limit()).increment();
                        throw refusal;
                    }
                })
                .replaceWithVoid();
    }

    /** The windows a job counts against: its key's (when a key authorised it) and its credential's, those whose limit is on. */
    List<Window> windows(RateSubjects subjects) {
        List<Window> windows = new ArrayList<>(2);
        if (perKey > 0 && subjects.key() != null) {
            windows.add(new Window(Limit.KEY, perKey, PREFIX + "key:" + subjects.key()));
        }
        if (perCredential > 0) {
            windows.add(new Window(Limit.CREDENTIAL, perCredential, PREFIX + "credential:" + subjects.credential()));
        }
        return windows;
    }

    /** The script's answer: 0 = admitted, else the (1-based) window that refused and the milliseconds until it frees a slot. */
    static RateLimited refusal(List<Window> windows, long refusedBy, long waitMillis) {
        if (refusedBy == 0) {
            return null;
        }
        Window window = windows.get((int) refusedBy - 1);
        return new RateLimited(window.limit(), window.perMinute(), retryAfter(waitMillis));
    }

    /** Whole seconds until the window frees a slot, rounded up (earlier would be refused again), at least 1. */
    static Duration retryAfter(long waitMillis) {
        return Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000));
    }

    private static int atLeastZero(int limit, String variable) {
        if (limit < 0) {
            throw new IllegalStateException(variable + " must be 0 (no limit) or a number of jobs per minute");
        }
        return limit;
    }
}
