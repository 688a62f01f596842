package io.reviewfetcher.ingress.schedules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What becomes of a claimed schedule's due run ({@link RunPlanner} decides which run): skipped and counted when the
 * schedule's previous run is still going, so runs never stack; otherwise recorded, then submitted as an ordinary
 * job. Both happen in the claim's transaction, which commits only after the broker holds the job: a failure anywhere
 * leaves the run due, and the next claim submits it again under the same job id.
 */
@ApplicationScoped
public class DueRunStarter {

    private final RunStatus runStatus;
    private final ScheduledJobs jobs;
    private final Counter started;
    private final Counter skipped;

    public DueRunStarter(RunStatus runStatus, ScheduledJobs jobs, MeterRegistry registry) {
        this.runStatus = runStatus;
        this.jobs = jobs;
        this.started = runs(registry, "started");
        this.skipped = runs(registry, "skipped");
    }

    public Uni<Void> start(ClaimedSchedule claim) {
        Schedule schedule = claim.schedule();
        DueRun run = RunPlanner.due(schedule, claim.now());
        if (run == null) {
            return Uni.createFrom().voidItem(); // claimed as due, yet not due by the planner: nothing to do, nothing moves
        }
        return previousStillRunning(schedule).chain(running -> {
            if (running) {
                return claim.skipped(run).invoke(() -> {
                    skipped.increment();
                    Log.infof("Schedule %s: %s run due at %s skipped, its previous run %s is still going",
                            schedule.id(), run.trigger().wire(), run.dueAt(), schedule.lastJobId());
                });
            }
            return claim.started(run)
                    .chain(() -> jobs.start(schedule, run))
                    .invoke(() -> started.increment());
        });
    }

    private Uni<Boolean> previousStillRunning(Schedule schedule) {
        if (schedule.lastJobId() == null) {
            return Uni.createFrom().item(false);
        }
        return runStatus.stillRunning(schedule.lastJobId());
    }

    private static Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder("ingress_scheduled_runs")
                .description("Due runs of schedules: started (a job submitted) or skipped (the previous run still going)")
                .tag("outcome", outcome)
                .register(registry);
    }
}
