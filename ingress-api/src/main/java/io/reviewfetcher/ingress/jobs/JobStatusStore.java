package io.reviewfetcher.ingress.jobs;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Job status in Redis, shared by every ingress-api pod. Each {@link JobEvent} is applied by one Lua script
 * ({@code job-status/apply-event.lua}) made only of set adds, first-write-wins fields and min/max, so that
 * a redelivered event, or the same event applied by two pods, changes nothing. A job's keys share a hash tag
 * ({@code {job_id}}), so the scripts also run on Redis Cluster, and expire {@code retention} after its last event.
 * The scripts are loaded once and again whenever Redis answers NOSCRIPT (after a restart or SCRIPT FLUSH).
 */
@ApplicationScoped
public class JobStatusStore {

    private static final String[] SUFFIXES = {"meta", "spawned", "done", "dead", "retries", "accounts", "locations", "reviews", "duplicates"};

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final String ttlSeconds;
    private final Script apply = new Script("job-status/apply-event.lua");
    private final Script read = new Script("job-status/read-status.lua");

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
        List<String> args = new ArrayList<>(keys(event.jobId()));
        args.add(event.taskId());
        args.add(Integer.toString(event.attempt()));
        args.add(outcome(event.outcome()));
        args.add(Long.toString(event.createdAt().toEpochMilli()));
        args.add(Integer.toString(event.accounts()));
        args.add(Integer.toString(event.locations()));
        args.add(Integer.toString(event.reviewsDelivered()));
        args.add(Integer.toString(event.duplicatesSkipped()));
        args.add(event.reason() == null ? "" : event.reason());
        args.add(ttlSeconds);
        args.addAll(event.spawnedTaskIds());
        return run(apply, args).map(JobStatusStore::finished);
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
        return run(read, keys(jobId)).map(answer -> {
            JobSnapshot snapshot = new JobSnapshot(hash(answer.get(0)), set(answer.get(1)), set(answer.get(2)),
                    hash(answer.get(3)), set(answer.get(4)), sum(answer.get(5)), sum(answer.get(6)), sum(answer.get(7)),
                    sum(answer.get(8)));
            return snapshot.exists() ? JobStatus.from(jobId, snapshot) : null;
        });
    }

    private List<String> keys(String jobId) {
        String base = keyPrefix + "{" + jobId + "}:";
        List<String> keys = new ArrayList<>(SUFFIXES.length);
        for (String suffix : SUFFIXES) {
            keys.add(base + suffix);
        }
        return keys;
    }

    /** EVALSHA with the keys, then the arguments; loads the script on NOSCRIPT and tries once more. */
    private Uni<Response> run(Script script, List<String> keysThenArgs) {
        String[] command = new String[keysThenArgs.size() + 2];
        command[0] = script.sha;
        command[1] = Integer.toString(SUFFIXES.length);
        for (int i = 0; i < keysThenArgs.size(); i++) {
            command[i + 2] = keysThenArgs.get(i);
        }
        return redis.execute("EVALSHA", command)
                .onFailure(JobStatusStore::isNoScript)
                .recoverWithUni(() -> redis.execute("SCRIPT", "LOAD", script.text).chain(() -> redis.execute("EVALSHA", command)));
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

    private static long sum(Response values) {
        long total = 0;
        for (Response value : values) {
            total += Long.parseLong(value.toString());
        }
        return total;
    }

    private static boolean isNoScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static final class Script {
        final String text;
        final String sha;

        Script(String resource) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
