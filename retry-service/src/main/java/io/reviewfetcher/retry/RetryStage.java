package io.reviewfetcher.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
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
 * ({@link RetryHistory}) and only acknowledged. Who publishes an attempt is claimed atomically in the history,
 * per generation (a replay of a dead letter is its own) and attempt, so two records standing for one attempt
 * publish it once.
 *
 * <p>A Redis failure never reaches the consumer: a record whose decision failed would fail the channel
 * (failure-strategy=fail) and stop retry-service altogether. So a retry is held without Redis (its failure is
 * written to the history when it is due), and a dead letter whose history cannot be read is held and tried
 * again {@link RetryConfig#againAfterMs() later}, as is a re-publication that could not be done: an outage
 * delays retries and dead letters, and the records stay uncommitted meanwhile.
 */
@ApplicationScoped
public class RetryStage {
    private final StageRunner runner;
    private final RetrySchedule schedule;
    private final PendingRetries pending;
    private final RetryHistory history;
    private final MeterRegistry metrics;
    private final Duration againAfter;

    public RetryStage(StageRunner runner, RetrySchedule schedule, PendingRetries pending, RetryHistory history,
                      MeterRegistry metrics, RetryConfig config) {
        this.runner = runner;
        this.schedule = schedule;
        this.pending = pending;
        this.history = history;
        this.metrics = metrics;
        this.againAfter = Duration.ofMillis(config.againAfterMs());
    }

    void start(@Observes StartupEvent started) {
        pending.whenDue(this::release);
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOrHold(record, RetryRequest.class, this::decide);
    }

    /** Dead-letter now, or hold the record until the retry is due and re-published. */
    Uni<Disposition> decide(RetryRequest request, JobLog.Position position) {
        String deadLetterReason = deadLetterReason(request);
        if (deadLetterReason != null) {
            return history.failures(request)
                    .map(failures -> Disposition.settle(deadLetters(request, position, deadLetterReason, failures)))
                    .onFailure().recoverWithItem(error -> {
                        JobLog.warn(request.jobId(), position, "could not read the history of %s (%s); held, dead-lettered in %s",
                                request.event().getClass().getSimpleName(), error.toString(), againAfter);
                        return hold(Instant.now().plus(againAfter), request);
                    });
        }
        Instant due = schedule.dueAt(request);
        metrics.counter("retry.scheduled", "topic", request.event().topic()).increment();
        JobLog.info(request.jobId(), position, "%s attempt %d due at %s", request.event().getClass().getSimpleName(),
                request.event().attempt() + 1, due);
        return Uni.createFrom().item(hold(due, request));
    }

    /** Completing before the retry is due keeps the next records flowing; a full heap makes the consumer wait. */
    private Disposition hold(Instant due, RetryRequest request) {
        return Disposition.hold(held -> {
            pending.add(new PendingRetries.Pending(due, request, held));
            return pending.roomFor();
        });
    }

    /** Due: re-published or dead-lettered, then acknowledged; whatever fails keeps the record held for another try. */
    void release(PendingRetries.Pending due) {
        RetryRequest request = due.request();
        Uni<Void> released = deadLetterReason(request) == null ? republish(due) : deadLetterLater(due);
        released.subscribe().with(done -> { }, error -> {
            JobLog.warn(request.jobId(), due.record().position(), "could not settle %s attempt %d yet (%s); trying again in %s",
                    request.event().topic(), request.event().attempt(), error.toString(), againAfter);
            pending.add(due.dueAgainAt(Instant.now().plus(againAfter)));
        });
    }

    /**
     * The next attempt on its stage topic, then the record is acknowledged; or only the acknowledgement when the
     * attempt was published already (a record redelivered after a crash, or a copy of it read by a partition's
     * new owner). Its failure is remembered first, so the dead letter of a later failure has the whole history.
     */
    private Uni<Void> republish(PendingRetries.Pending due) {
        RetryRequest request = due.request();
        HeldRecord held = due.record();
        StageEvent next = request.event().withAttempt(request.event().attempt() + 1);
        return history.remember(request)
                .chain(() -> history.claim(request, due.holder()))
                .chain(claim -> switch (claim) {
                    case PUBLISH -> held.release(List.of(next), () -> history.markPublished(request)
                            .invoke(() -> metrics.counter("retry.republished", "topic", next.topic()).increment()));
                    case PUBLISHED -> held.release(List.of(), () -> Uni.createFrom().voidItem());
                    case TAKEN -> {
                        // Another holder is publishing it: acknowledged once it is published, or claimed once its claim lapses.
                        JobLog.info(request.jobId(), held.position(), "%s attempt %d is being re-published by another holder; "
                                + "looking again in %s", next.topic(), next.attempt(), againAfter);
                        pending.add(due.dueAgainAt(Instant.now().plus(againAfter)));
                        yield Uni.createFrom().voidItem();
                    }
                });
    }

    /** A dead letter held because its history could not be read when it came. */
    private Uni<Void> deadLetterLater(PendingRetries.Pending due) {
        RetryRequest request = due.request();
        HeldRecord held = due.record();
        return history.failures(request)
                .chain(failures -> held.release(deadLetters(request, held.position(), deadLetterReason(request), failures),
                        () -> Uni.createFrom().voidItem()));
    }

    /** Why the request is dead-lettered instead of retried, or null when it is retried. */
    private String deadLetterReason(RetryRequest request) {
        if (!request.latest().retryable()) {
            return "permanent failure: " + request.latest().reason();
        }
        if (schedule.exhausted(request)) {
            return DeadLetterReasons.RETRIES_EXHAUSTED + " after " + (request.event().attempt() + 1) + " attempts: "
                    + request.latest().reason();
        }
        return null;
    }

    private static List<Event> deadLetters(RetryRequest request, JobLog.Position position, String reason, List<Failure> failures) {
        JobLog.warn(request.jobId(), position, "%s dead-lettered: %s", request.event().getClass().getSimpleName(), reason);
        return List.of(new DeadLetter(request.jobId(), Instant.now(), request.event().topic(), reason, request.event(), failures, null),
                JobEvents.failed(request.event(), JobEvent.Outcome.DEAD_LETTERED, reason));
    }
}
