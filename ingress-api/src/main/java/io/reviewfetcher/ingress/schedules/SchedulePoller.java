package io.reviewfetcher.ingress.schedules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every pod's look for due runs, every {@code ingress.schedules.poll-every} (5 s): claims due schedules one by one,
 * each in its own transaction, and starts or skips each one's run ({@link DueRunStarter}), until none is due or
 * {@code max-runs-per-poll} were handled. Every pod polls and none is special; the claim decides which pod starts a
 * run ({@link PgDueSchedules}). A failure (PostgreSQL, Redis or the broker unavailable) ends this poll: the
 * schedule it was on stays due and is tried again at the next poll, by whichever pod gets to it first.
 * Non-blocking: runs on the event loop, a poll never overlaps the one before on the same pod.
 */
@ApplicationScoped
public class SchedulePoller {

    private final DueSchedules dueSchedules;
    private final DueRunStarter starter;
    private final int maxRunsPerPoll;
    private final Counter failed;

    @Inject
    public SchedulePoller(DueSchedules dueSchedules, DueRunStarter starter, IngressConfig config, MeterRegistry registry) {
        this(dueSchedules, starter, config.schedules().maxRunsPerPoll(), registry);
    }

    SchedulePoller(DueSchedules dueSchedules, DueRunStarter starter, int maxRunsPerPoll, MeterRegistry registry) {
        this.dueSchedules = dueSchedules;
        this.starter = starter;
        this.maxRunsPerPoll = maxRunsPerPoll;
        this.failed = Counter.builder("ingress_schedule_polls_failed")
                .description("Polls for due runs that ended in a failure; the run they were on stays due")
                .register(registry);
    }

    @Scheduled(identity = "schedule-poller", every = "${ingress.schedules.poll-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return handleDue(0).onFailure().recoverWithUni(failure -> {
            failed.increment();
            // The type only: a client's message may hold a host, a user or a statement's values.
            Log.warnf("Poll for due scheduled runs failed (%s); the run stays due for the next poll", failure.getClass().getName());
            return Uni.createFrom().voidItem();
        });
    }

    /** Claims and handles due schedules one after another, {@code handled} of them so far. */
    Uni<Void> handleDue(int handled) {
        if (handled >= maxRunsPerPoll) {
            return Uni.createFrom().voidItem();
        }
        return dueSchedules.claimNext(starter::start)
                .chain(claimed -> claimed ? handleDue(handled + 1) : Uni.createFrom().voidItem());
    }
}
