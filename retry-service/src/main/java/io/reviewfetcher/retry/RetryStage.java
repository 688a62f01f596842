package io.reviewfetcher.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.stage.DeadLetterReasons;
import io.reviewfetcher.stage.Disposition;
import io.reviewfetcher.stage.HeldRecord;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * fetch-retry → wait until due → the failed event, attempt + 1, back on its own topic; or fetch-dlq with the
 * whole history when the failure is permanent or the retries are exhausted.
 *
 * <p>Durable without a store of its own: a fetch-retry record is held unacknowledged until it is re-published
 * ({@link StageRunner#runOrHold}), and the throttled commit strategy commits a partition only up to its oldest
 * unacknowledged record. After a crash, the uncommitted records come back and the schedule is rebuilt with
 * the same due times ({@link RetrySchedule}); attempts already re-published are recognised
 * ({@link RetryHistory}) and only acknowledged.
 */
@ApplicationScoped
public class RetryStage {
    static final Duration PUBLISH_AGAIN_AFTER = Duration.ofSeconds(5);

    private final StageRunner runner;
    private final RetrySchedule schedule;
    private final PendingRetries pending;
    private final RetryHistory history;
    private final MeterRegistry metrics;

    public RetryStage(StageRunner runner, RetrySchedule schedule, PendingRetries pending, RetryHistory history,
                      MeterRegistry metrics) {
        this.runner = runner;
        this.schedule = schedule;
        this.pending = pending;
        this.history = history;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        pending.whenDue(this::republish);
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOrHold(record, RetryRequest.class, this::decide);
    }

    /** Dead-letter now, or hold the record until the retry is due and re-published. */
    Uni<Disposition> decide(RetryRequest request, JobLog.Position position) {
        if (!request.latest().retryable()) {
            return deadLetter(request, position, "permanent failure: " + request.latest().reason());
        }
        if (schedule.exhausted(request)) {
            return deadLetter(request, position, DeadLetterReasons.RETRIES_EXHAUSTED + " after " + (request.event().attempt() + 1)
                    + " attempts: " + request.latest().reason());
        }
        Instant due = schedule.dueAt(request);
        metrics.counter("retry.scheduled", "topic", request.event().topic()).increment();
        JobLog.info(request.jobId(), position, "%s attempt %d due at %s", request.event().getClass().getSimpleName(),
                request.event().attempt() + 1, due);
        // Completing before the retry is due keeps the next records flowing; a full heap makes the consumer wait.
        return Uni.createFrom().item(Disposition.hold(held -> history.remember(request)
                .invoke(() -> pending.add(new PendingRetries.Pending(due, request, held)))
                .chain(pending::roomFor)));
    }

    /** Due: the next attempt on its stage topic (unless a run before a crash already published it), then the record is acknowledged. */
    void republish(PendingRetries.Pending due) {
        RetryRequest request = due.request();
        HeldRecord held = due.record();
        StageEvent next = request.event().withAttempt(request.event().attempt() + 1);
        history.published(request)
                .chain(already -> already ? held.release(List.of(), () -> Uni.createFrom().voidItem())
                        : held.release(List.of(next), () -> history.markPublished(request)
                        .invoke(() -> metrics.counter("retry.republished", "topic", next.topic()).increment())))
                .subscribe().with(done -> { }, error -> {
                    JobLog.warn(request.jobId(), held.position(),
                            "could not re-publish %s attempt %d yet (%s); trying again in %s", next.topic(), next.attempt(),
                            error.toString(), PUBLISH_AGAIN_AFTER);
                    pending.add(new PendingRetries.Pending(Instant.now().plus(PUBLISH_AGAIN_AFTER), request, held));
                });
    }

    private Uni<Disposition> deadLetter(RetryRequest request, JobLog.Position position, String reason) {
        JobLog.warn(request.jobId(), position, "%s dead-lettered: %s", request.event().getClass().getSimpleName(), reason);
        return history.failures(request).map(failures -> Disposition.settle(List.of(
                new DeadLetter(request.jobId(), Instant.now(), request.event().topic(), reason, request.event(), failures, null),
                JobEvents.failed(request.event(), JobEvent.Outcome.DEAD_LETTERED, reason))));
    }
}
