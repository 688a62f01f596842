package io.reviewfetcher.retry;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.stage.DeadLetterReasons;
import io.reviewfetcher.stage.EventPublisher;
import io.reviewfetcher.stage.IntakeGate;
import io.reviewfetcher.stage.JobLog;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
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
 * <p>Durable without a store of its own: a fetch-retry record is acknowledged only once it is re-published
 * or dead-lettered, and the throttled commit strategy commits a partition only up to its oldest
 * unacknowledged record. After a crash, the uncommitted records come back and the schedule is rebuilt with
 * the same due times ({@link RetrySchedule}); attempts already re-published are recognised
 * ({@link RetryHistory}) and only acknowledged.
 */
@ApplicationScoped
public class RetryStage {
    private static final Duration PUBLISH_AGAIN_AFTER = Duration.ofSeconds(5);

    private final StageRunner runner;
    private final EventPublisher publisher;
    private final RetrySchedule schedule;
    private final PendingRetries pending;
    private final RetryHistory history;
    private final IntakeGate gate;
    private final MeterRegistry metrics;

    public RetryStage(StageRunner runner, EventPublisher publisher, RetrySchedule schedule, PendingRetries pending,
                      RetryHistory history, IntakeGate gate, MeterRegistry metrics) {
        this.runner = runner;
        this.publisher = publisher;
        this.schedule = schedule;
        this.pending = pending;
        this.history = history;
        this.gate = gate;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent started) {
        pending.whenDue(this::republish);
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return gate.passage().chain(() -> schedule(record));
    }

    private Uni<Void> schedule(Message<byte[]> record) {
        RetryRequest request;
        try {
            request = EventCodec.decode(record.getPayload(), RetryRequest.class);
        } catch (EventFormatException poison) {
            return runner.deadLetterPoison(record, poison);
        }
        if (!request.latest().retryable()) {
            return deadLetter(record, request, "permanent failure: " + request.latest().reason());
        }
        if (schedule.exhausted(request)) {
            return deadLetter(record, request, DeadLetterReasons.RETRIES_EXHAUSTED + " after " + (request.event().attempt() + 1)
                    + " attempts: " + request.latest().reason());
        }
        Instant due = schedule.dueAt(request);
        metrics.counter("retry.scheduled", "topic", request.event().topic()).increment();
        JobLog.info(request.jobId(), origin(record), "%s attempt %d due at %s", request.event().getClass().getSimpleName(),
                request.event().attempt() + 1, due);
        // Returning before the retry is due keeps the next records flowing; the record is acknowledged later.
        return history.remember(request)
                .invoke(() -> pending.add(new PendingRetries.Pending(due, request, record)))
                .chain(pending::roomFor);
    }

    private void republish(PendingRetries.Pending due) {
        RetryRequest request = due.request();
        StageEvent next = request.event().withAttempt(request.event().attempt() + 1);
        history.published(request)
                .chain(already -> already ? Uni.createFrom().voidItem()
                        : publisher.publish(next, due.record()).chain(() -> history.markPublished(request))
                        .invoke(() -> metrics.counter("retry.republished", "topic", next.topic()).increment()))
                .chain(() -> Uni.createFrom().completionStage(due.record().ack()))
                .subscribe().with(done -> { }, error -> {
                    JobLog.warn(request.jobId(), origin(due.record()),
                            "could not re-publish %s attempt %d yet (%s); trying again in %s", next.topic(), next.attempt(),
                            error.toString(), PUBLISH_AGAIN_AFTER);
                    pending.add(new PendingRetries.Pending(Instant.now().plus(PUBLISH_AGAIN_AFTER), request, due.record()));
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> record, RetryRequest request, String reason) {
        JobLog.warn(request.jobId(), origin(record), "%s dead-lettered: %s", request.event().getClass().getSimpleName(), reason);
        return history.failures(request).chain(failures -> runner.settle(record, List.of(
                new DeadLetter(request.jobId(), Instant.now(), request.event().topic(), reason, request.event(), failures, null),
                JobEvents.failed(request.event(), JobEvent.Outcome.DEAD_LETTERED, reason))));
    }

    private static IncomingKafkaRecordMetadata<?, ?> origin(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
    }
}
