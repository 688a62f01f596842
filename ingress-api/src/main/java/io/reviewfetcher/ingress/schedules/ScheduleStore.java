package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Set;

/** The schedules and their runs, kept in PostgreSQL ({@link PgScheduleStore}); every time is the database's. */
public interface ScheduleStore {

    /** A new schedule under a new id; each kind of run it has is first due at once. */
    Uni<Schedule> create(NewSchedule schedule);

    /** The schedule, or null when there is none with this id. */
    Uni<Schedule> get(String id);

    /**
     * A page of schedules, newest first.
     *
     * @param cursor  null for the first page, else the {@link SchedulePage#nextCursor()} of the page before; the Uni
     *                fails with IllegalArgumentException when it is not one this store wrote
     * @param clients only the schedules of these clients; null for every schedule
     */
    Uni<SchedulePage> list(int limit, String cursor, Set<String> clients);

    /**
     * The schedule with the patch applied, in one transaction that holds the schedule (a run being claimed meanwhile
     * waits, or skips it until the next poll); null when there is none. Fails with the patch's refusal.
     */
    Uni<Schedule> update(String id, SchedulePatch patch);

    /** Whether there was such a schedule; its runs' list goes with it, the jobs it started do not. */
    Uni<Boolean> delete(String id);

    /** The runs the schedule started, newest first (as long as the runs retention keeps them). */
    Uni<List<ScheduledRun>> runs(String scheduleId, int limit);
}
