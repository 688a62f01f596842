package io.reviewfetcher.ingress.schedules;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.reviewfetcher.ingress.schedules.Schedules.FIFTEEN_MINUTES;
import static io.reviewfetcher.ingress.schedules.Schedules.ONE_DAY;
import static io.reviewfetcher.ingress.schedules.Schedules.T;
import static io.reviewfetcher.ingress.schedules.Schedules.schedule;
import static io.reviewfetcher.ingress.schedules.Schedules.withLastJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What becomes of a claimed due run: started (recorded, then submitted) or, while the previous run still goes, skipped
 * and counted, with the due times moving on either way; failures fail the claim's work so that its transaction rolls
 * back. Plain unit test over fakes of the claim, the job status and the submission.
 */
class DueRunStarterTest {

    private static final String PREVIOUS_JOB = "7d444840-9dc0-11d1-b245-5ffdce74fad2";

    private final FakeStatus status = new FakeStatus();
    private final FakeJobs jobs = new FakeJobs();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DueRunStarter starter = new DueRunStarter(status, jobs, registry);

    @Test
    void aFirstRunIsRecordedAndSubmittedAsTheSchedulesJob() {
        FakeClaim claim = new FakeClaim(schedule(T, T.plus(ONE_DAY)), T.plusSeconds(2));

        starter.start(claim).await().atMost(Duration.ofSeconds(5));

        assertEquals(1, claim.started.size());
        assertEquals(List.of(), claim.skipped);
        DueRun run = claim.started.get(0);
        assertEquals(Trigger.INCREMENTAL, run.trigger());
        assertEquals(T.plus(FIFTEEN_MINUTES), run.nextIncrementalAt());
        assertEquals(List.of(run), jobs.submitted, "the job submitted is the run recorded");
        assertEquals(ScheduledJobIds.of(Schedules.ID, Trigger.INCREMENTAL, T), jobs.submitted.get(0).jobId());
        assertEquals(List.of("recorded", "submitted"), claim.order(jobs), "recorded in the claim, then published: the commit comes last");
        assertEquals(1.0, registry.counter("ingress_scheduled_runs", "outcome", "started").count());
    }

    @Test
    void aRunDueWhileThePreviousRunStillGoesIsSkippedCountedAndMovesOn() {
        status.running.put(PREVIOUS_JOB, true);
        FakeClaim claim = new FakeClaim(withLastJob(schedule(T, T.plus(ONE_DAY)), PREVIOUS_JOB), T.plusSeconds(2));

        starter.start(claim).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(), jobs.submitted, "not stacked: no job");
        assertEquals(List.of(), claim.started);
        assertEquals(1, claim.skipped.size());
        assertEquals(T.plus(FIFTEEN_MINUTES), claim.skipped.get(0).nextIncrementalAt(), "the due time moves on as for a run");
        assertEquals(1.0, registry.counter("ingress_scheduled_runs", "outcome", "skipped").count());
    }

    @Test
    void aFullRunDueWhileThePreviousRunStillGoesIsSkippedTooAndBothTimesMoveOn() {
        status.running.put(PREVIOUS_JOB, true);
        FakeClaim claim = new FakeClaim(withLastJob(schedule(T, T), PREVIOUS_JOB), T.plusSeconds(2));

        starter.start(claim).await().atMost(Duration.ofSeconds(5));

        DueRun skipped = claim.skipped.get(0);
        assertEquals(Trigger.FULL, skipped.trigger());
        assertEquals(T.plus(FIFTEEN_MINUTES), skipped.nextIncrementalAt());
        assertEquals(T.plus(ONE_DAY), skipped.nextFullAt());
    }

    @Test
    void aRunAfterAFinishedOrForgottenPreviousRunStarts() {
        status.running.put(PREVIOUS_JOB, false);
        FakeClaim claim = new FakeClaim(withLastJob(schedule(T, null), PREVIOUS_JOB), T);

        starter.start(claim).await().atMost(Duration.ofSeconds(5));

        assertEquals(1, jobs.submitted.size());
        assertEquals(List.of(PREVIOUS_JOB), status.asked);
    }

    @Test
    void aScheduleWithoutAPreviousRunDoesNotAskForOne() {
        starter.start(new FakeClaim(schedule(T, null), T)).await().atMost(Duration.ofSeconds(5));

        assertEquals(List.of(), status.asked);
    }

    @Test
    void aFailedSubmissionFailsTheClaimSoItsTransactionRollsBack() {
        IllegalStateException brokerDown = new IllegalStateException("broker down");
        jobs.failure = brokerDown;
        FakeClaim claim = new FakeClaim(schedule(T, null), T);

        Throwable failed = assertThrows(IllegalStateException.class, () -> starter.start(claim).await().atMost(Duration.ofSeconds(5)));

        assertSame(brokerDown, failed);
        assertEquals(0.0, registry.counter("ingress_scheduled_runs", "outcome", "started").count());
    }

    @Test
    void anUnknownPreviousRunStatusFailsTheClaimInsteadOfGuessing() {
        status.failure = new IllegalStateException("redis down");
        FakeClaim claim = new FakeClaim(withLastJob(schedule(T, null), PREVIOUS_JOB), T);

        assertThrows(IllegalStateException.class, () -> starter.start(claim).await().atMost(Duration.ofSeconds(5)));

        assertTrue(claim.started.isEmpty() && claim.skipped.isEmpty() && jobs.submitted.isEmpty());
    }

    @Test
    void aClaimNotDueByThePlannerChangesNothing() {
        FakeClaim claim = new FakeClaim(schedule(T, null), T.minusSeconds(1));

        starter.start(claim).await().atMost(Duration.ofSeconds(5));

        assertTrue(claim.started.isEmpty() && claim.skipped.isEmpty() && jobs.submitted.isEmpty());
    }

    /** The claim: what it was asked to record, and when. */
    static final class FakeClaim implements ClaimedSchedule {
        private final Schedule schedule;
        private final Instant now;
        final List<DueRun> started = new ArrayList<>();
        final List<DueRun> skipped = new ArrayList<>();
        long recordedAt;

        FakeClaim(Schedule schedule, Instant now) {
            this.schedule = schedule;
            this.now = now;
        }

        @Override
        public Schedule schedule() {
            return schedule;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public Uni<Void> started(DueRun run) {
            started.add(run);
            recordedAt = System.nanoTime();
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> skipped(DueRun run) {
            skipped.add(run);
            return Uni.createFrom().voidItem();
        }

        List<String> order(FakeJobs jobs) {
            return recordedAt <= jobs.submittedAt ? List.of("recorded", "submitted") : List.of("submitted", "recorded");
        }
    }

    static final class FakeStatus implements RunStatus {
        final Map<String, Boolean> running = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        RuntimeException failure;

        @Override
        public Uni<Boolean> stillRunning(String jobId) {
            asked.add(jobId);
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            return Uni.createFrom().item(running.getOrDefault(jobId, false));
        }
    }

    static final class FakeJobs implements ScheduledJobs {
        final List<DueRun> submitted = new ArrayList<>();
        long submittedAt;
        RuntimeException failure;

        @Override
        public Uni<Void> start(Schedule schedule, DueRun run) {
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            submitted.add(run);
            submittedAt = System.nanoTime();
            return Uni.createFrom().voidItem();
        }
    }
}
