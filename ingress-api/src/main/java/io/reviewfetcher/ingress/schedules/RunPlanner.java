package io.reviewfetcher.ingress.schedules;

import java.time.Duration;
import java.time.Instant;

/**
 * Which run a schedule owes at a given time, decided from its stored due times alone (so every pod decides the same).
 * <ul>
 *   <li>A full run when the full due time has come, else an incremental one when that has; a run due for both is one
 *       full run (it reads every review, so it covers the incremental), and both due times move on.</li>
 *   <li>A due time moves on along its own grid (due + k × every) to the first point after now: after downtime the
 *       missed run fires once, not once per missed interval, and the schedule keeps its phase.</li>
 * </ul>
 */
public final class RunPlanner {

    private RunPlanner() {
    }

    /** The run due at {@code now}, or null when none is (or the schedule is paused). */
    public static DueRun due(Schedule schedule, Instant now) {
        if (schedule.paused()) {
            return null;
        }
        boolean fullDue = isDue(schedule.nextFullAt(), now);
        boolean incrementalDue = isDue(schedule.nextIncrementalAt(), now);
        if (!fullDue && !incrementalDue) {
            return null;
        }
        Trigger trigger = fullDue ? Trigger.FULL : Trigger.INCREMENTAL;
        Instant dueAt = fullDue ? schedule.nextFullAt() : schedule.nextIncrementalAt();
        Instant nextIncremental = incrementalDue ? following(schedule.nextIncrementalAt(), schedule.incrementalEvery(), now)
                : schedule.nextIncrementalAt();
        Instant nextFull = fullDue ? following(schedule.nextFullAt(), schedule.fullEvery(), now) : schedule.nextFullAt();
        return new DueRun(trigger, dueAt, nextIncremental, nextFull, ScheduledJobIds.of(schedule.id(), trigger, dueAt));
    }

    private static boolean isDue(Instant next, Instant now) {
        return next != null && !next.isAfter(now);
    }

    /** The first point of the grid {@code due + k × every} after {@code now} (k ≥ 1). */
    static Instant following(Instant due, Duration every, Instant now) {
        if (due.isAfter(now)) {
            return due;
        }
        long missed = Duration.between(due, now).dividedBy(every);
        return due.plus(every.multipliedBy(missed + 1));
    }
}
