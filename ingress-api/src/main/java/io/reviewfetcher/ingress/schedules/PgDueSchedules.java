package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * The claim that makes a due run start once across every pod: {@code SELECT … FOR UPDATE SKIP LOCKED} takes the
 * most overdue schedule no other transaction holds, and the transaction holds it while its run is decided, recorded
 * and published. Another pod polling meanwhile skips it and takes the next; once the claim commits, the schedule's
 * due times have moved on, so nobody finds that run due again. A pod that dies before committing releases the row
 * with its connection (or, if its connection lingers, when PostgreSQL ends the idle transaction after
 * {@code claim-timeout}), and the run is found due again. Untested against PostgreSQL in this change.
 */
@ApplicationScoped
public class PgDueSchedules implements DueSchedules {

    // now() is the transaction's start, the same instant for the claim and the planner's decision.
    private static final String CLAIM = "SELECT " + ScheduleRows.COLUMNS + ", now() AS now"
            + " FROM scheduling.schedules"
            + " WHERE NOT paused AND LEAST(next_incremental_at, next_full_at) <= now()"
            + " ORDER BY LEAST(next_incremental_at, next_full_at), id"
            + " LIMIT 1 FOR UPDATE SKIP LOCKED";

    private static final String STARTED = """
            UPDATE scheduling.schedules SET next_incremental_at = $2::timestamptz, next_full_at = $3::timestamptz,
                runs_started = runs_started + 1, last_job_id = $4::uuid, last_run_at = $5::timestamptz
            WHERE id = $1""";

    // The job id is the run's: listed again only if a run were ever recorded twice, which a claim rules out.
    private static final String LIST_RUN = """
            INSERT INTO scheduling.runs (job_id, schedule_id, trigger, due_at, started_at)
            VALUES ($1::uuid, $2::uuid, $3, $4::timestamptz, $5::timestamptz)
            ON CONFLICT (job_id) DO NOTHING""";

    private static final String FORGET_OLD_RUNS = "DELETE FROM scheduling.runs WHERE schedule_id = $1 AND started_at < $2::timestamptz";

    private static final String SKIPPED = """
            UPDATE scheduling.schedules SET next_incremental_at = $2::timestamptz, next_full_at = $3::timestamptz,
                runs_skipped = runs_skipped + 1
            WHERE id = $1""";

    private final Pool pool;
    private final Duration runsRetention;
    private final String claimTimeout;

    public PgDueSchedules(Pool pool, IngressConfig config) {
        this.pool = pool;
        this.runsRetention = config.schedules().runsRetention();
        // SET takes no parameters: the value is a number of milliseconds we computed, never input.
        this.claimTimeout = "SET LOCAL idle_in_transaction_session_timeout = " + Math.max(1, config.schedules().claimTimeout().toMillis());
    }

    @Override
    public Uni<Boolean> claimNext(Function<ClaimedSchedule, Uni<Void>> work) {
        return pool.withTransaction(conn -> conn.query(claimTimeout).execute().chain(() -> conn.query(CLAIM).execute()).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().item(false);
            }
            Row row = rows.iterator().next();
            Claim claim = new Claim(conn, ScheduleRows.schedule(row), ScheduleRows.instant(row, "now"), runsRetention);
            return work.apply(claim).replaceWith(true);
        }));
    }

    private record Claim(SqlConnection conn, Schedule schedule, Instant now, Duration runsRetention) implements ClaimedSchedule {

        @Override
        public Uni<Void> started(DueRun run) {
            UUID id = UUID.fromString(schedule.id());
            UUID jobId = UUID.fromString(run.jobId());
            Tuple moved = Tuple.tuple().addUUID(id)
                    .addOffsetDateTime(ScheduleRows.param(run.nextIncrementalAt()))
                    .addOffsetDateTime(ScheduleRows.param(run.nextFullAt()))
                    .addUUID(jobId).addOffsetDateTime(ScheduleRows.param(now));
            Tuple listed = Tuple.tuple().addUUID(jobId).addUUID(id).addString(run.trigger().wire())
                    .addOffsetDateTime(ScheduleRows.param(run.dueAt())).addOffsetDateTime(ScheduleRows.param(now));
            return conn.preparedQuery(STARTED).execute(moved)
                    .chain(() -> conn.preparedQuery(LIST_RUN).execute(listed))
                    .chain(() -> conn.preparedQuery(FORGET_OLD_RUNS).execute(Tuple.of(id, ScheduleRows.param(now.minus(runsRetention)))))
                    .replaceWithVoid();
        }

        @Override
        public Uni<Void> skipped(DueRun run) {
            Tuple moved = Tuple.tuple().addUUID(UUID.fromString(schedule.id()))
                    .addOffsetDateTime(ScheduleRows.param(run.nextIncrementalAt()))
                    .addOffsetDateTime(ScheduleRows.param(run.nextFullAt()));
            return conn.preparedQuery(SKIPPED).execute(moved).replaceWithVoid();
        }
    }
}
