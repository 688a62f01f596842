package io.reviewfetcher.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.EventType;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.StageEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The consume → work → publish → acknowledge cycle every worker runs, with at-least-once semantics: the
 * input record is acknowledged (and so committed) only after every record it produced — fan-out, output,
 * retry, dead letter, progress — is acknowledged by the broker. A crash re-processes; it never skips.
 *
 * <p>Failures are routed, never thrown back at the consumer: a record that does not decode goes to
 * {@code fetch-dlq} as poison; a failed task goes to {@code fetch-retry} (transient) or {@code fetch-dlq}
 * (permanent) with its reason. Only a failure to publish nacks the input, which stops the channel and
 * makes the pod unready rather than lose anything.
 */
@ApplicationScoped
public class StageRunner {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private final EventPublisher publisher;
    private final IntakeGate gate;
    private final MeterRegistry metrics;

    public StageRunner(EventPublisher publisher, IntakeGate gate, MeterRegistry metrics) {
        this.publisher = publisher;
        this.gate = gate;
        this.metrics = metrics;
    }

    public <T extends StageEvent> Uni<Void> run(Message<byte[]> record, Class<T> type, Function<T, Uni<List<Event>>> work) {
        return gate.passage().chain(() -> process(record, type, null, work));
    }

    /** As {@link #run}, and a task already finished (its results durable) is acknowledged without working again. */
    public <T extends StageEvent> Uni<Void> runOnce(Message<byte[]> record, Class<T> type, FinishedTasks finished,
                                                    Function<T, Uni<List<Event>>> work) {
        return gate.passage().chain(() -> process(record, type, finished, work));
    }

    private <T extends StageEvent> Uni<Void> process(Message<byte[]> record, Class<T> type, FinishedTasks finished,
                                                     Function<T, Uni<List<Event>>> work) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        T task;
        try {
            task = EventCodec.decode(record.getPayload(), type);
        } catch (EventFormatException poison) {
            return deadLetterPoison(record, poison);
        }
        metrics.counter("stage.records.consumed", "topic", origin.getTopic()).increment();
        if (finished == null) {
            return attempt(record, origin, task, work, null);
        }
        // Redis away: do the work (at worst again) rather than fail the record, which would stop the channel.
        return finished.contains(task).onFailure().recoverWithItem(false).chain(done -> {
            if (done) {
                metrics.counter("stage.records.already.finished", "topic", origin.getTopic()).increment();
                JobLog.info(task.jobId(), origin, "%s already finished: acknowledged without fetching again",
                        task.getClass().getSimpleName());
                return Uni.createFrom().completionStage(record.ack());
            }
            return attempt(record, origin, task, work, finished);
        });
    }

    /** What one attempt produced: its results, or its failure routed to retry or the dead-letter topic. */
    private record Outcome(List<Event> produced, boolean succeeded) {
    }

    private <T extends StageEvent> Uni<Void> attempt(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> origin, T task,
                                                     Function<T, Uni<List<Event>>> work, FinishedTasks finished) {
        return Uni.createFrom().deferred(() -> work.apply(task)).map(produced -> new Outcome(produced, true))
                .onFailure().recoverWithItem(error -> new Outcome(route(task, origin, error), false))
                // Marked finished only once everything it produced is durable, and only when the work succeeded.
                .chain(outcome -> settle(record, origin, outcome.produced(), () -> finished != null && outcome.succeeded()
                                ? markFinished(finished, task, origin) : Uni.createFrom().voidItem())
                        .invoke(() -> JobLog.info(task.jobId(), origin, "%s attempt %d settled: %d records published",
                                task.getClass().getSimpleName(), task.attempt(), outcome.produced().size())));
    }

    /** Without the mark (Redis down), a redelivery only repeats work: the record is acknowledged all the same. */
    private Uni<Void> markFinished(FinishedTasks finished, StageEvent task, IncomingKafkaRecordMetadata<?, ?> origin) {
        return finished.add(task).onFailure().recoverWithUni(error -> {
            JobLog.warn(task.jobId(), origin, "could not mark the task finished (%s); a redelivery would repeat it",
                    error.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    /** A record that does not decode: to fetch-dlq with the reason, then acknowledged, so the consumer goes on. */
    public Uni<Void> deadLetterPoison(Message<byte[]> record, EventFormatException why) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return settle(record, origin, List.of(poisonLetter(record.getPayload(), origin, why)));
    }

    /** Publishes what a record produced, then acknowledges it; nacks it if publishing fails. */
    public Uni<Void> settle(Message<byte[]> record, List<? extends Event> produced) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return settle(record, origin, produced);
    }

    private Uni<Void> settle(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> origin, List<? extends Event> produced) {
        return settle(record, origin, produced, () -> Uni.createFrom().voidItem());
    }

    /** Publishes, then runs {@code beforeAck}, then acknowledges; nacks the record if publishing fails. */
    private Uni<Void> settle(Message<byte[]> record, IncomingKafkaRecordMetadata<?, ?> origin, List<? extends Event> produced,
                             Supplier<Uni<Void>> beforeAck) {
        return publisher.publishAll(produced, record)
                .invoke(() -> produced.forEach(this::count))
                .chain(() -> beforeAck.get())
                .chain(() -> Uni.createFrom().completionStage(record.ack()))
                .onFailure().call(error -> {
                    JobLog.error(jobOf(produced), origin, "could not publish the results of this record; it stays uncommitted: %s",
                            error.toString());
                    return Uni.createFrom().completionStage(record.nack(error));
                });
    }

    private void count(Event event) {
        metrics.counter("stage.records.produced", "topic", EventType.of(event).topic(), "type", event.getClass().getSimpleName())
                .increment();
        if (event instanceof DeadLetter letter) {
            metrics.counter("stage.dead.letters", "topic", letter.sourceTopic(), "reason", DeadLetterReasons.category(letter))
                    .increment();
        }
    }

    private static String jobOf(List<? extends Event> produced) {
        return produced.isEmpty() ? DeadLetter.UNKNOWN_JOB : produced.get(0).jobId();
    }

    private List<Event> route(StageEvent task, IncomingKafkaRecordMetadata<?, ?> origin, Throwable error) {
        Failure failure = Failures.classify(task.attempt(), error);
        if (failure.httpStatus() != null && failure.httpStatus() == 429 && failure.reason().contains("RESOURCE_EXHAUSTED")) {
            // The token bucket should make this impossible: count it as a defect.
            metrics.counter("stage.google.quota.exceeded").increment();
        }
        JobLog.info(task.jobId(), origin, "%s attempt %d failed (%s): %s", task.getClass().getSimpleName(), task.attempt(),
                failure.retryable() ? "will retry" : "permanent", failure.reason());
        if (failure.retryable()) {
            return List.of(new RetryRequest(task.jobId(), Instant.now(), task, List.of(failure)),
                    JobEvents.failed(task, JobEvent.Outcome.RETRY_SCHEDULED, failure.reason()));
        }
        return List.of(new DeadLetter(task.jobId(), Instant.now(), task.topic(), failure.reason(), task, List.of(failure), null),
                JobEvents.failed(task, JobEvent.Outcome.DEAD_LETTERED, failure.reason()));
    }

    private DeadLetter poisonLetter(byte[] payload, IncomingKafkaRecordMetadata<?, ?> origin, EventFormatException why) {
        metrics.counter("stage.records.poison", "topic", origin.getTopic()).increment();
        byte[] value = payload == null ? new byte[0] : payload;
        // The key should be a job id; anything else (it could be anything, a secret included) is not copied.
        String key = origin.getKey() instanceof String text && JOB_ID.matcher(text).matches() ? text : DeadLetter.UNKNOWN_JOB;
        JobLog.warn(key, origin, "poison record dead-lettered: %s", why.getMessage());
        return new DeadLetter(key, Instant.now(), origin.getTopic(), "unreadable record: " + why.getMessage(), null, List.of(),
                new DeadLetter.PoisonRecord(origin.getPartition(), origin.getOffset(), sha256(value), value.length));
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
