package io.reviewfetcher.ingress.schedules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.reviewfetcher.ingress.schedules.Schedules.FIFTEEN_MINUTES;
import static io.reviewfetcher.ingress.schedules.Schedules.ONE_DAY;
import static io.reviewfetcher.ingress.schedules.Schedules.T;
import static io.reviewfetcher.ingress.schedules.Schedules.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which run a schedule owes, and where its due times move on to: plain unit test of {@link RunPlanner}. */
class RunPlannerTest {

    @Test
    void nothingIsDueBeforeTheDueTime() {
        assertNull(RunPlanner.due(schedule(T, T.plus(ONE_DAY)), T.minusMillis(1)));
    }

    @Test
    void anIncrementalRunIsDueAtItsTimeAndMovesOnOneInterval() {
        DueRun run = RunPlanner.due(schedule(T, T.plus(Duration.ofHours(12))), T);

        assertEquals(Trigger.INCREMENTAL, run.trigger());
        assertEquals(T, run.dueAt());
        assertEquals(T.plus(FIFTEEN_MINUTES), run.nextIncrementalAt());
        assertEquals(T.plus(Duration.ofHours(12)), run.nextFullAt(), "the full run is not due: its time stays");
    }

    @Test
    void aFullRunIsDueAtItsTime() {
        DueRun run = RunPlanner.due(schedule(T.plus(Duration.ofMinutes(10)), T), T.plusSeconds(3));

        assertEquals(Trigger.FULL, run.trigger());
        assertEquals(T, run.dueAt());
        assertEquals(T.plus(ONE_DAY), run.nextFullAt());
        assertEquals(T.plus(Duration.ofMinutes(10)), run.nextIncrementalAt());
    }

    @Test
    void aRunDueForBothKindsIsOneFullRunAndBothTimesMoveOn() {
        DueRun run = RunPlanner.due(schedule(T, T), T.plusSeconds(4));

        assertEquals(Trigger.FULL, run.trigger(), "a full run reads every review: it covers the incremental one");
        assertEquals(T, run.dueAt());
        assertEquals(T.plus(FIFTEEN_MINUTES), run.nextIncrementalAt());
        assertEquals(T.plus(ONE_DAY), run.nextFullAt());
    }

    @Test
    void anIncrementalDueBeforeAFullOneIsCoveredByTheFullRunWhenBothAreDue() {
        DueRun run = RunPlanner.due(schedule(T.minus(Duration.ofMinutes(5)), T), T.plusSeconds(1));

        assertEquals(Trigger.FULL, run.trigger());
        assertEquals(T, run.dueAt(), "the run is for the full due time");
        assertEquals(T.plus(Duration.ofMinutes(10)), run.nextIncrementalAt(), "the incremental grid keeps its phase");
    }

    @Test
    void afterDowntimeAMissedRunFiresOnceAndTheScheduleKeepsItsPhase() {
        // Down for 3 h 7 min: twelve incremental runs missed.
        Instant now = T.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(7));
        Schedule schedule = schedule(T, T.plus(ONE_DAY));

        DueRun run = RunPlanner.due(schedule, now);

        assertEquals(Trigger.INCREMENTAL, run.trigger());
        assertEquals(T, run.dueAt(), "the one run is for the first missed due time");
        assertEquals(T.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(15)), run.nextIncrementalAt(),
                "next on the grid after now: not now + 15 min, and not one of the missed times");
        assertNull(RunPlanner.due(Schedules.after(schedule, run), now), "nothing else is due: the missed run fired once");
    }

    @Test
    void aFullRunMissedForDaysFiresOnce() {
        Instant now = T.plus(Duration.ofDays(9)).plus(Duration.ofHours(1));
        Schedule schedule = schedule(null, T);

        DueRun run = RunPlanner.due(schedule, now);

        assertEquals(Trigger.FULL, run.trigger());
        assertEquals(T.plus(Duration.ofDays(10)), run.nextFullAt());
        assertNull(run.nextIncrementalAt(), "a kind the schedule does not have stays absent");
        assertNull(RunPlanner.due(Schedules.after(schedule, run), now));
    }

    @Test
    void aDueTimeExactlyOnTheGridMovesStrictlyPastNow() {
        Instant now = T.plus(FIFTEEN_MINUTES.multipliedBy(4));

        assertEquals(T.plus(FIFTEEN_MINUTES.multipliedBy(5)), RunPlanner.following(T, FIFTEEN_MINUTES, now));
        assertEquals(T.plus(FIFTEEN_MINUTES), RunPlanner.following(T, FIFTEEN_MINUTES, T));
    }

    @Test
    void aTimeNotYetDueStays() {
        assertEquals(T, RunPlanner.following(T, FIFTEEN_MINUTES, T.minusSeconds(1)));
    }

    @Test
    void aPausedScheduleOwesNothing() {
        assertNull(RunPlanner.due(Schedules.paused(schedule(T, T)), T.plus(ONE_DAY)));
    }

    @Test
    void aRunsJobIdIsTheSameWhoeverDecidesItAndDiffersPerRun() {
        Schedule schedule = schedule(T, T.plus(ONE_DAY));
        DueRun onePod = RunPlanner.due(schedule, T.plusSeconds(1));
        DueRun otherPod = RunPlanner.due(schedule, T.plusSeconds(4));

        assertEquals(onePod.jobId(), otherPod.jobId(), "a run claimed again after a crash is the same job");
        assertTrue(onePod.jobId().matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), onePod.jobId());
        DueRun next = RunPlanner.due(Schedules.after(schedule, onePod), T.plus(FIFTEEN_MINUTES));
        assertNotEquals(onePod.jobId(), next.jobId());
        assertNotEquals(ScheduledJobIds.of(Schedules.ID, Trigger.FULL, T), ScheduledJobIds.of(Schedules.ID, Trigger.INCREMENTAL, T));
        assertNotEquals(ScheduledJobIds.of(Schedules.ID, Trigger.FULL, T),
                ScheduledJobIds.of("5c1c5b8e-7a1d-4a5e-9f4b-2f0d1c3b4a59", Trigger.FULL, T));
        assertNotEquals(ScheduledJobIds.of(Schedules.ID, Trigger.FULL, T), ScheduledJobIds.of(Schedules.ID, Trigger.FULL, T.plusNanos(1_000)),
                "due times a microsecond apart are different runs");
    }
}
