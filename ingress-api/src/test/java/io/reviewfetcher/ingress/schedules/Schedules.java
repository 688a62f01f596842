package io.reviewfetcher.ingress.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Schedules for the plain tests. */
final class Schedules {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);
    static final Duration ONE_DAY = Duration.ofDays(1);

    private Schedules() {
    }

    /** A schedule with both kinds of run, next due at the given times (null for a kind it does not have). */
    static Schedule schedule(Instant nextIncremental, Instant nextFull) {
        return new Schedule(ID, "acme-reviews", List.of("111"), null,
                nextIncremental == null ? null : FIFTEEN_MINUTES, nextFull == null ? null : ONE_DAY, false,
                nextIncremental, nextFull, T.minus(ONE_DAY), T.minus(ONE_DAY), 0, 0, null, null);
    }

    static Schedule withLastJob(Schedule schedule, String lastJobId) {
        return new Schedule(schedule.id(), schedule.clientId(), schedule.accountIds(), schedule.locationIds(),
                schedule.incrementalEvery(), schedule.fullEvery(), schedule.paused(), schedule.nextIncrementalAt(),
                schedule.nextFullAt(), schedule.createdAt(), schedule.updatedAt(), schedule.runsStarted(),
                schedule.runsSkipped(), lastJobId, schedule.lastRunAt());
    }

    static Schedule paused(Schedule schedule) {
        return new Schedule(schedule.id(), schedule.clientId(), schedule.accountIds(), schedule.locationIds(),
                schedule.incrementalEvery(), schedule.fullEvery(), true, schedule.nextIncrementalAt(),
                schedule.nextFullAt(), schedule.createdAt(), schedule.updatedAt(), schedule.runsStarted(),
                schedule.runsSkipped(), schedule.lastJobId(), schedule.lastRunAt());
    }

    /** The schedule after its run was started (or skipped): its due times moved on as the run says. */
    static Schedule after(Schedule schedule, DueRun run) {
        return new Schedule(schedule.id(), schedule.clientId(), schedule.accountIds(), schedule.locationIds(),
                schedule.incrementalEvery(), schedule.fullEvery(), schedule.paused(), run.nextIncrementalAt(),
                run.nextFullAt(), schedule.createdAt(), schedule.updatedAt(), schedule.runsStarted() + 1,
                schedule.runsSkipped(), run.jobId(), schedule.lastRunAt());
    }
}
