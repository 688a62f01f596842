package io.reviewfetcher.ingress.jobs;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The job list, newest first, for the HTTP API and for any caller in this service (the operator console): walks the
 * {@link JobIndex} (every job's, or the filter's client's) from the cursor, reads each job's status
 * ({@link JobStatusStore#status}, a few at a time) and keeps those of the filter's status, until {@code limit} jobs
 * match or the scan bound is reached: {@value #SCAN_FACTOR} × limit index entries, at most {@value #MAX_EXAMINED},
 * so a rare status costs a bounded call, not a walk of 30 days of jobs. The page then ends where the walk stopped,
 * with a cursor to go on from (a page may be short, even empty, with a cursor). Lists the jobs submitted within the
 * status retention; a job whose status Redis no longer has is skipped (it is not removed from the index: a job is
 * indexed before it is published and has its status only after, so a missing status may also be one still to come).
 * Holds no state between calls: the cursor is the whole position, so any pod goes on from any other's page.
 */
@ApplicationScoped
public class JobList {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int SCAN_FACTOR = 10;
    static final int MAX_EXAMINED = 1_000;
    /** Statuses read at once: a status read returns the whole job's books, so not too many at a time. */
    static final int READ_BATCH = 10;

    private final JobIndex index;
    private final JobStatusStore statuses;
    private final Duration retention;
    private final Clock clock;

    @Inject
    public JobList(JobIndex index, JobStatusStore statuses, IngressConfig config) {
        this(index, statuses, config.status().retention(), Clock.systemUTC());
    }

    JobList(JobIndex index, JobStatusStore statuses, Duration retention, Clock clock) {
        this.index = index;
        this.statuses = statuses;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Up to {@code limit} jobs that match the filter, newest first, after the cursor (a page's {@code next_cursor};
     * null or empty for the first page). Fails with {@link InvalidJobQuery} for a limit outside 1–{@value #MAX_LIMIT}
     * or a cursor no listing answered; with Redis's failure when Redis does not answer. The caller decides who may
     * see which client's jobs: this lists what it is asked.
     */
    public Uni<JobsPage> list(JobFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Uni.createFrom().failure(new InvalidJobQuery("limit", "must be an integer from 1 to " + MAX_LIMIT));
        }
        JobCursor after = null;
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = JobCursor.decode(cursor);
            } catch (IllegalArgumentException e) {
                return Uni.createFrom().failure(new InvalidJobQuery("cursor", "is not a cursor this API answered; start again without one"));
            }
        }
        long oldest = clock.instant().minus(retention).toEpochMilli();
        return walk(new Walk(filter, limit, after, oldest));
    }

    private Uni<JobsPage> walk(Walk walk) {
        int count = walk.nextBatch();
        if (count == 0) {
            return Uni.createFrom().item(walk.page());
        }
        return index.page(walk.filter.clientId(), walk.position, count, walk.oldest)
                .chain(page -> read(page.entries()).map(read -> walk.take(page, read)))
                .chain(more -> more ? walk(walk) : Uni.createFrom().item(walk.page()));
    }

    private Uni<List<JobStatus>> read(List<JobIndex.Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Uni.join keeps the order of the entries.
        return Uni.join().all(entries.stream().map(entry -> statuses.status(entry.jobId())).toList()).andFailFast();
    }

    /** One call's walk of the index: where it is, what matched, how much it may still examine. */
    private static final class Walk {
        final JobFilter filter;
        final int limit;
        final int maxExamined;
        final long oldest;
        final List<JobStatus> matched = new ArrayList<>();
        JobCursor position;
        int examined;
        boolean atEnd;

        Walk(JobFilter filter, int limit, JobCursor after, long oldest) {
            this.filter = filter;
            this.limit = limit;
            this.maxExamined = Math.min(SCAN_FACTOR * limit, MAX_EXAMINED);
            this.oldest = oldest;
            this.position = after;
        }

        /** How many entries to read next; 0 when the walk is over. Without a status to match, no more than the page lacks. */
        int nextBatch() {
            if (atEnd || matched.size() == limit || examined == maxExamined) {
                return 0;
            }
            int wanted = filter.status() == null ? limit - matched.size() : READ_BATCH;
            return Math.min(Math.min(wanted, READ_BATCH), maxExamined - examined);
        }

        /** Takes the entries in order, up to the page's last match; whether the walk may go on. */
        boolean take(JobIndex.Page page, List<JobStatus> read) {
            List<JobIndex.Entry> entries = page.entries();
            for (int i = 0; i < entries.size() && matched.size() < limit; i++) {
                JobIndex.Entry entry = entries.get(i);
                position = new JobCursor(entry.submittedAt(), entry.jobId());
                examined++;
                JobStatus status = read.get(i);
                if (status != null && filter.hasStatus(status)) {
                    matched.add(status);
                }
                if (i == entries.size() - 1 && page.last()) {
                    atEnd = true;
                }
            }
            if (entries.isEmpty()) {
                atEnd = true;
            }
            return !atEnd && matched.size() < limit && examined < maxExamined;
        }

        JobsPage page() {
            return new JobsPage(List.copyOf(matched), atEnd || position == null ? null : position.encode());
        }
    }
}
