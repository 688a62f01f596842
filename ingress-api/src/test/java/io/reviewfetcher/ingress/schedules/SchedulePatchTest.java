package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.submission.InvalidSubmission;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.reviewfetcher.ingress.schedules.Schedules.FIFTEEN_MINUTES;
import static io.reviewfetcher.ingress.schedules.Schedules.ONE_DAY;
import static io.reviewfetcher.ingress.schedules.Schedules.T;
import static io.reviewfetcher.ingress.schedules.Schedules.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a PATCH does to a schedule's intervals, due times, pause and scope. Plain unit test of {@link SchedulePatch}. */
class SchedulePatchTest {

    private static final Instant NOW = T.plus(Duration.ofMinutes(7));

    private static SchedulePatch.Change<Duration> every(Duration duration) {
        return new SchedulePatch.Change<>(duration);
    }

    @Test
    void aChangedIntervalCountsFromTheChange() {
        Schedule current = schedule(T.plus(FIFTEEN_MINUTES), T.plus(ONE_DAY));

        Schedule changed = new SchedulePatch(null, every(Duration.ofMinutes(30)), null, null, null).applyTo(current, NOW);

        assertEquals(Duration.ofMinutes(30), changed.incrementalEvery());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), changed.nextIncrementalAt());
        assertEquals(T.plus(ONE_DAY), changed.nextFullAt(), "the other kind keeps its due time");
        assertEquals(NOW, changed.updatedAt());
    }

    @Test
    void anIntervalSetAgainToItsValueKeepsItsDueTime() {
        Schedule current = schedule(T.plus(FIFTEEN_MINUTES), T.plus(ONE_DAY));

        Schedule same = new SchedulePatch(null, every(FIFTEEN_MINUTES), every(ONE_DAY), null, null).applyTo(current, NOW);

        assertEquals(T.plus(FIFTEEN_MINUTES), same.nextIncrementalAt());
        assertEquals(T.plus(ONE_DAY), same.nextFullAt());
    }

    @Test
    void anIntervalSetToNullStopsThatKindAndAnAddedKindIsDueOneIntervalOn() {
        Schedule current = schedule(T.plus(FIFTEEN_MINUTES), null);

        Schedule changed = new SchedulePatch(null, every(null), every(ONE_DAY), null, null).applyTo(current, NOW);

        assertNull(changed.incrementalEvery());
        assertNull(changed.nextIncrementalAt());
        assertEquals(NOW.plus(ONE_DAY), changed.nextFullAt());
    }

    @Test
    void noIntervalLeftIsRefused() {
        Schedule current = schedule(T.plus(FIFTEEN_MINUTES), null);

        InvalidSubmission refusal = assertThrows(InvalidSubmission.class,
                () -> new SchedulePatch(null, every(null), null, null, null).applyTo(current, NOW));

        assertEquals(InvalidSubmission.Kind.INVALID, refusal.kind());
    }

    @Test
    void pausingKeepsTheDueTimesSoResumingRunsTheMissedRunOnce() {
        Schedule current = schedule(T, T.plus(ONE_DAY));

        Schedule paused = new SchedulePatch(true, null, null, null, null).applyTo(current, NOW);
        assertTrue(paused.paused());
        assertNull(RunPlanner.due(paused, T.plus(Duration.ofHours(5))), "paused: nothing is due");

        Instant resumedAt = T.plus(Duration.ofHours(5));
        Schedule resumed = new SchedulePatch(false, null, null, null, null).applyTo(paused, resumedAt);
        DueRun run = RunPlanner.due(resumed, resumedAt);
        assertEquals(T, run.dueAt(), "the run missed while paused, once");
        assertNull(RunPlanner.due(Schedules.after(resumed, run), resumedAt));
    }

    @Test
    void theScopeChangesOrWidensToEveryOne() {
        Schedule current = schedule(T, null);

        Schedule narrowed = new SchedulePatch(null, null, null, new SchedulePatch.Change<>(null),
                new SchedulePatch.Change<>(List.of("9"))).applyTo(current, NOW);

        assertNull(narrowed.accountIds(), "null: every account");
        assertEquals(List.of("9"), narrowed.locationIds());
        assertEquals("acme-reviews", narrowed.clientId());
    }
}
