package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ScheduleStore} over the reactive PostgreSQL client (the default datasource; schema {@code scheduling},
 * migrated from {@code db/scheduling}). Each method is one statement, or one transaction. Untested against
 * PostgreSQL in this change: see the README.
 */
@ApplicationScoped
public class PgScheduleStore implements ScheduleStore {

    private static final String COLUMNS = ScheduleRows.COLUMNS;

    // Each kind the schedule has is first due at its creation, on the database's clock.
    private static final String CREATE = """
            INSERT INTO scheduling.schedules (id, client_id, account_ids, location_ids, incremental_every_s, full_every_s,
                paused, next_incremental_at, next_full_at, created_at, updated_at)
            VALUES ($1, $2, $3::text[], $4::text[], $5::int8, $6::int8, $7,
                CASE WHEN $5::int8 IS NULL THEN NULL ELSE now() END,
                CASE WHEN $6::int8 IS NULL THEN NULL ELSE now() END, now(), now())
            RETURNING\s""" + COLUMNS;

    private static final String GET = "SELECT " + COLUMNS + " FROM scheduling.schedules WHERE id = $1";

    // A null array of clients: every client's schedules (a caller key valid for every client).
    private static final String FIRST_PAGE = "SELECT " + COLUMNS
            + " FROM scheduling.schedules WHERE ($2::text[] IS NULL OR client_id = ANY($2::text[]))"
            + " ORDER BY created_at DESC, id DESC LIMIT $1::int4";

    private static final String NEXT_PAGE = "SELECT " + COLUMNS
            + " FROM scheduling.schedules WHERE (created_at, id) < ($1::timestamptz, $2::uuid)"
            + " AND ($4::text[] IS NULL OR client_id = ANY($4::text[]))"
            + " ORDER BY created_at DESC, id DESC LIMIT $3::int4";

    private static final String HOLD = "SELECT " + COLUMNS + ", now() AS now FROM scheduling.schedules WHERE id = $1 FOR UPDATE";

    private static final String UPDATE = """
            UPDATE scheduling.schedules SET account_ids = $2::text[], location_ids = $3::text[],
                incremental_every_s = $4::int8, full_every_s = $5::int8, paused = $6,
                next_incremental_at = $7::timestamptz, next_full_at = $8::timestamptz, updated_at = $9::timestamptz
            WHERE id = $1
            RETURNING\s""" + COLUMNS;

    private static final String DELETE = "DELETE FROM scheduling.schedules WHERE id = $1";

    private static final String RUNS = """
            SELECT job_id, trigger, due_at, started_at FROM scheduling.runs
            WHERE schedule_id = $1 ORDER BY started_at DESC, job_id DESC LIMIT $2::int4""";

    private final Pool pool;

    public PgScheduleStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Schedule> create(NewSchedule schedule) {
        Tuple params = Tuple.tuple().addUUID(UUID.randomUUID()).addString(schedule.clientId())
                .addArrayOfString(ScheduleRows.array(schedule.accountIds()))
                .addArrayOfString(ScheduleRows.array(schedule.locationIds()))
                .addLong(ScheduleRows.seconds(schedule.incrementalEvery()))
                .addLong(ScheduleRows.seconds(schedule.fullEvery()))
                .addBoolean(schedule.paused());
        return pool.preparedQuery(CREATE).execute(params).map(PgScheduleStore::single);
    }

    @Override
    public Uni<Schedule> get(String id) {
        return pool.preparedQuery(GET).execute(Tuple.of(UUID.fromString(id))).map(PgScheduleStore::single);
    }

    @Override
    public Uni<SchedulePage> list(int limit, String cursor, Set<String> clients) {
        String[] only = clients == null ? null : clients.stream().sorted().toArray(String[]::new);
        Uni<RowSet<Row>> rows;
        if (cursor == null) {
            rows = pool.preparedQuery(FIRST_PAGE).execute(Tuple.tuple().addInteger(limit + 1).addArrayOfString(only));
        } else {
            ScheduleCursor after;
            try {
                after = ScheduleCursor.decode(cursor);
            } catch (IllegalArgumentException invalid) {
                return Uni.createFrom().failure(invalid);
            }
            rows = pool.preparedQuery(NEXT_PAGE).execute(Tuple.of(ScheduleRows.param(after.createdAt()), after.id(), limit + 1)
                    .addArrayOfString(only));
        }
        return rows.map(found -> page(found, limit));
    }

    /** One row more than the page is read: whether it came tells whether there is a next page. */
    private static SchedulePage page(RowSet<Row> rows, int limit) {
        List<Schedule> schedules = new ArrayList<>(limit);
        boolean more = false;
        for (Row row : rows) {
            if (schedules.size() == limit) {
                more = true;
                break;
            }
            schedules.add(ScheduleRows.schedule(row));
        }
        Schedule last = schedules.isEmpty() ? null : schedules.get(schedules.size() - 1);
        String next = more ? new ScheduleCursor(last.createdAt(), UUID.fromString(last.id())).encode() : null;
        return new SchedulePage(List.copyOf(schedules), next);
    }

    @Override
    public Uni<Schedule> update(String id, SchedulePatch patch) {
        return pool.withTransaction(conn -> conn.preparedQuery(HOLD).execute(Tuple.of(UUID.fromString(id))).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().nullItem();
            }
            Row row = rows.iterator().next();
            Schedule updated = patch.applyTo(ScheduleRows.schedule(row), ScheduleRows.instant(row, "now"));
            Tuple params = Tuple.tuple().addUUID(UUID.fromString(id))
                    .addArrayOfString(ScheduleRows.array(updated.accountIds()))
                    .addArrayOfString(ScheduleRows.array(updated.locationIds()))
                    .addLong(ScheduleRows.seconds(updated.incrementalEvery()))
                    .addLong(ScheduleRows.seconds(updated.fullEvery()))
                    .addBoolean(updated.paused())
                    .addOffsetDateTime(ScheduleRows.param(updated.nextIncrementalAt()))
                    .addOffsetDateTime(ScheduleRows.param(updated.nextFullAt()))
                    .addOffsetDateTime(ScheduleRows.param(updated.updatedAt()));
            return conn.preparedQuery(UPDATE).execute(params).map(PgScheduleStore::single);
        }));
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(UUID.fromString(id))).map(rows -> rows.rowCount() > 0);
    }

    @Override
    public Uni<List<ScheduledRun>> runs(String scheduleId, int limit) {
        return pool.preparedQuery(RUNS).execute(Tuple.of(UUID.fromString(scheduleId), limit)).map(rows -> {
            List<ScheduledRun> runs = new ArrayList<>();
            for (Row row : rows) {
                runs.add(new ScheduledRun(row.getUUID("job_id").toString(), Trigger.ofWire(row.getString("trigger")),
                        ScheduleRows.instant(row, "due_at"), ScheduleRows.instant(row, "started_at")));
            }
            return List.copyOf(runs);
        });
    }

    private static Schedule single(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? ScheduleRows.schedule(rows.iterator().next()) : null;
    }
}
