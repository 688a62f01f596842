package io.reviewfetcher.ingress.jobs;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Job status in Redis, shared by every ingress-api pod. Each {@link JobEvent} is applied by one Lua script
 * ({@code job-status/apply-event.lua}) made only of set adds, first-write-wins fields and min/max, so that
 * a redelivered event, or the same event applied by two pods, changes nothing: counts are kept per task id (its
 * first done report), an incomplete location by location id (its latest report). A job's keys share a hash tag
 * ({@code {job_id}}), so the scripts also run on Redis Cluster, and expire {@code retention} after its last event.
 * A job narrowed to locations has them kept before it is published ({@link #requestLocations}); its listing pages
 * add the ones they listed, and those none listed are reported once the job is final. A job's client (of a client_id job),
 * and a scheduled run's schedule and trigger, are kept the same way ({@link #recordOrigin}). Which jobs there are, newest
 * first, is {@link JobIndex}'s, written at submission too.
 * Whether a job is finished, and how, is decided in Redis by {@code job-status/job-status.lua}, which both
 * scripts start with: the status a read answers and the end an apply reports follow the one rule.
 */
@ApplicationScoped
public class JobStatusStore {

    private static final String[] SUFFIXES = {"meta", "spawned", "done", "dead", "retries", "accounts", "locations", "reviews", "duplicates",
            "new", "updated", "unchanged", "deleted", "batch_locations", "incomplete", "requested", "listed", "origin"};
    /** The completion rule, which both scripts start with. */
    private static final String RULE = "job-status/job-status.lua";

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final String ttlSeconds;
    private final LuaScript apply = withRule("job-status/apply-event.lua");
    private final LuaScript read = withRule("job-status/read-status.lua");
    private final LuaScript request = LuaScript.fromResource("job-status/request-locations.lua");
    private final LuaScript origin = LuaScript.fromResource("job-status/record-origin.lua");

    public JobStatusStore(ReactiveRedisDataSource redis, IngressConfig config) {
        this.redis = redis;
        this.keyPrefix = config.status().keyPrefix();
        this.ttlSeconds = Long.toString(config.status().retention().toSeconds());
    }

    /** A job's end, reported by the one event application that finished it. */
    public record Finished(String status, Duration duration) {
    }

    /** Applies the event; the item is the job's end when this event finished it, else null. */
    public Uni<Finished> apply(JobEvent event) {
        List<String> args = new ArrayList<>();
        args.add(event.taskId());
        args.add(Integer.toString(event.attempt()));
        args.add(outcome(event.outcome()));
        args.add(Long.toString(event.createdAt().toEpochMilli()));
        args.add(Integer.toString(event.accounts()));
        args.add(Integer.toString(event.locations()));
        args.add(Integer.toString(event.reviewsDelivered()));
        args.add(Integer.toString(event.duplicatesSkipped()));
        args.add(Integer.toString(event.reviewsNew()));
        args.add(Integer.toString(event.reviewsUpdated()));
        args.add(Integer.toString(event.reviewsUnchanged()));
        args.add(Integer.toString(event.reviewsDeleted()));
        args.add(Integer.toString(event.locationsDone()));
        args.add(event.reason() == null ? "" : event.reason());
        JobEvent.Incomplete incomplete = event.incomplete();
        args.add(incomplete == null ? "" : incomplete.locationId());
        args.add(incomplete == null ? "0" : Integer.toString(incomplete.expected()));
        args.add(incomplete == null ? "0" : Integer.toString(incomplete.delivered()));
        args.add(ttlSeconds);
        args.add(Integer.toString(event.listedLocationIds().size()));
        args.addAll(event.listedLocationIds());
        args.addAll(event.spawnedTaskIds());
        return apply.run(redis, keys(event.jobId()), args).map(JobStatusStore::finished);
    }

    /**
     * Keeps the location ids a job is narrowed to, for its status to tell those no listing page listed. Written before
     * the job is published, so no job runs without them: its events alone do not carry them.
     */
    public Uni<Void> requestLocations(String jobId, List<String> locationIds) {
        List<String> args = new ArrayList<>(locationIds.size() + 1);
        args.add(ttlSeconds);
        args.addAll(locationIds);
        return request.run(redis, List.of(key(jobId, "requested")), args).replaceWithVoid();
    }

    /**
     * Keeps where a job came from (its client, a scheduled run's schedule and trigger), for its status to show. Written
     * before the job is published, as {@link #requestLocations} is, and for the same reason: its events do not carry it.
     */
    public Uni<Void> recordOrigin(String jobId, JobOrigin jobOrigin) {
        List<String> args = new ArrayList<>(7);
        args.add(ttlSeconds);
        addField(args, "client_id", jobOrigin.clientId());
        addField(args, "schedule_id", jobOrigin.scheduleId());
        addField(args, "trigger", jobOrigin.trigger());
        return origin.run(redis, List.of(key(jobId, "origin")), args).replaceWithVoid();
    }

    private static void addField(List<String> args, String field, String value) {
        if (value != null) {
            args.add(field);
            args.add(value);
        }
    }

    private static Finished finished(Response answer) {
        if (answer.type() != ResponseType.MULTI || answer.get(0).toString().isEmpty()) {
            return null; // not finished, or finished before its submitted event was applied: no start to measure from
        }
        long submitted = (long) Double.parseDouble(answer.get(0).toString());
        long finished = (long) Double.parseDouble(answer.get(1).toString());
        return new Finished(answer.get(2).toString(), Duration.ofMillis(Math.max(0, finished - submitted)));
    }

    /** The job's status, or null when Redis knows nothing of it (never submitted, or expired). */
    public Uni<JobStatus> status(String jobId) {
        return read.run(redis, keys(jobId), List.of()).map(answer -> {
            JobSnapshot.ReviewChanges changes = new JobSnapshot.ReviewChanges(sum(answer.get(9)), sum(answer.get(10)),
                    sum(answer.get(11)), sum(answer.get(12)));
            JobSnapshot snapshot = new JobSnapshot(answer.get(16).toString(), hash(answer.get(0)), set(answer.get(1)),
                    set(answer.get(2)), hash(answer.get(3)), set(answer.get(4)), sum(answer.get(5)), sum(answer.get(6)),
                    sum(answer.get(7)), sum(answer.get(8)), changes, sum(answer.get(13)), shortfalls(hash(answer.get(14))),
                    set(answer.get(15)));
            return snapshot.exists() ? JobStatus.from(jobId, snapshot, origin(hash(answer.get(17)))) : null;
        });
    }

    private List<String> keys(String jobId) {
        List<String> keys = new ArrayList<>(SUFFIXES.length);
        for (String suffix : SUFFIXES) {
            keys.add(key(jobId, suffix));
        }
        return keys;
    }

    private String key(String jobId, String suffix) {
        return keyPrefix + "{" + jobId + "}:" + suffix;
    }

    /** Where the job came from, or null when nothing was kept (a job on an access token). */
    private static JobOrigin origin(Map<String, String> stored) {
        return stored.isEmpty() ? null : new JobOrigin(stored.get("client_id"), stored.get("schedule_id"), stored.get("trigger"));
    }

    private static String outcome(JobEvent.Outcome outcome) {
        return switch (outcome) {
            case SUBMITTED -> "submitted";
            case DONE -> "done";
            case RETRY_SCHEDULED -> "retry_scheduled";
            case DEAD_LETTERED -> "dead_lettered";
        };
    }

    private static Map<String, String> hash(Response flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i).toString(), flat.get(i + 1).toString());
        }
        return map;
    }

    private static Set<String> set(Response members) {
        Set<String> set = new HashSet<>(members.size() * 2);
        for (Response member : members) {
            set.add(member.toString());
        }
        return set;
    }

    private static Map<String, JobSnapshot.Shortfall> shortfalls(Map<String, String> stored) {
        Map<String, JobSnapshot.Shortfall> shortfalls = new HashMap<>(stored.size() * 2);
        stored.forEach((location, report) -> shortfalls.put(location, JobSnapshot.Shortfall.parse(report)));
        return shortfalls;
    }

    private static long sum(Response values) {
        long total = 0;
        for (Response value : values) {
            total += Long.parseLong(value.toString());
        }
        return total;
    }

    /** The script with the completion rule in front of it (one script for Redis: its functions are local to it). */
    private static LuaScript withRule(String script) {
        return LuaScript.of(text(RULE) + "\n" + text(script));
    }

    private static String text(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
