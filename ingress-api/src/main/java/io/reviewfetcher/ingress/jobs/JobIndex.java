package io.reviewfetcher.ingress.jobs;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.redis.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which jobs there are, newest first: sorted sets of job ids by submitted time (epoch ms) in Redis, one of every job
 * ({@code <prefix>index:all}) and one per managed client ({@code <prefix>index:client:<client_id>}), beside the job
 * status under the status store's key prefix. Written at submission, before the job is published
 * ({@code job-status/index-job.lua}), so no job runs unlisted; every pod writes and reads the same sets, and a
 * position in them (a {@link JobCursor}) means the same on every pod. Each set keeps the jobs of one status retention:
 * older entries go at each write and are never read, and an index no job was added to for a retention expires.
 */
@ApplicationScoped
public class JobIndex {

    private final ReactiveRedisDataSource redis;
    private final String allKey;
    private final String clientKeyPrefix;
    private final Duration retention;
    private final String ttlSeconds;
    private final LuaScript add = LuaScript.fromResource("job-status/index-job.lua");
    private final LuaScript read = LuaScript.fromResource("job-status/index-page.lua");

    public JobIndex(ReactiveRedisDataSource redis, IngressConfig config) {
        this.redis = redis;
        String prefix = config.status().keyPrefix();
        this.allKey = prefix + "index:all";
        this.clientKeyPrefix = prefix + "index:client:";
        this.retention = config.status().retention();
        this.ttlSeconds = Long.toString(retention.toSeconds());
    }

    /** One entry: a job and its submitted time, the index's order (newest first; on the same millisecond, by job id, last first). */
    record Entry(long submittedAt, String jobId) {

        static final Comparator<Entry> NEWEST_FIRST = Comparator.comparingLong(Entry::submittedAt)
                .thenComparing(Entry::jobId).reversed();
    }

    /** Entries in the index's order; {@code last} when no entry follows them. */
    record Page(List<Entry> entries, boolean last) {
    }

    /**
     * Adds the job to every job's index and to its client's (none for a job on an access token, {@code clientId} null).
     * A job added twice keeps its first time.
     */
    public Uni<Void> add(String jobId, String clientId, Instant submittedAt) {
        List<String> args = List.of(Long.toString(submittedAt.toEpochMilli()), jobId,
                Long.toString(submittedAt.minus(retention).toEpochMilli()), ttlSeconds);
        Uni<Response> all = add.run(redis, List.of(allKey), args);
        if (clientId == null) {
            return all.replaceWithVoid();
        }
        // Two calls, not one script: the two keys may lie on different Redis Cluster nodes.
        return Uni.combine().all().unis(all, add.run(redis, List.of(clientKeyPrefix + clientId), args)).discardItems();
    }

    /**
     * Up to {@code count} entries after {@code after} (from the newest when null) of every job's index, or of the
     * client's when {@code clientId} is given, none submitted before {@code oldest} (epoch ms).
     */
    Uni<Page> page(String clientId, JobCursor after, int count, long oldest) {
        if (after != null && after.submittedAt() < oldest) {
            return Uni.createFrom().item(new Page(List.of(), true));
        }
        String key = clientId == null ? allKey : clientKeyPrefix + clientId;
        String from = after == null ? "+inf" : Long.toString(after.submittedAt());
        return read.run(redis, List.of(key), List.of(from, Long.toString(oldest), Integer.toString(count))).map(answer -> {
            List<Entry> entries = new ArrayList<>();
            if (after != null) {
                // Jobs of the position's millisecond that come after its job: smaller ids (Java compares, not Lua's locale).
                for (Response id : answer.get(0)) {
                    if (id.toString().compareTo(after.jobId()) < 0) {
                        entries.add(new Entry(after.submittedAt(), id.toString()));
                    }
                }
                entries.sort(Entry.NEWEST_FIRST);
            }
            Response older = answer.get(1);
            for (int i = 0; i + 1 < older.size(); i += 2) {
                entries.add(new Entry((long) Double.parseDouble(older.get(i + 1).toString()), older.get(i).toString()));
            }
            boolean last = older.size() / 2 < count && entries.size() <= count;
            return new Page(entries.size() > count ? List.copyOf(entries.subList(0, count)) : entries, last);
        });
    }
}
