package io.reviewfetcher.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.EventType;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.NewerEventVersionException;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.UnreadableRecord;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.intake.IntakeGate;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The consume → work → publish → acknowledge cycle of every stage, with at-least-once semantics: the input
 * record is acknowledged (and so committed) only after every record it produced — fan-out, output, retry,
 * dead letter, progress — is acknowledged by the broker. A crash re-processes; it never skips.
 *
 * <p>One entry point per way of running a stage:
 * <ul>
 *   <li>{@link #run}: a worker that works every record it reads;</li>
 *   <li>{@link #deduplicating} → {@link DeduplicatingStageRunner#runOnce}: a worker that acknowledges a task
 *       already finished without working it again;</li>
 *   <li>{@link #runOrHold}: retry-service, which settles a record at once or holds it, unacknowledged, until
 *       it re-publishes it ({@link HeldRecord#release}).</li>
 * </ul>
 *
 * <p>{@link #run} and {@code runOnce} keep several records in flight per pod, out of order: the entry point
 * completes as soon as the record has one of the pod's {@code stage.in-flight} slots ({@code STAGE_IN_FLIGHT},
 * shared by all its consumers), so its consumer reads on while the record waits for a permit or for Google;
 * the record is acknowledged when its results are durable, and its slot is given back then. While every
 * slot is taken, the entry point waits (without a thread): that is the backpressure. The throttled commit
 * strategy commits a partition only below its oldest unacknowledged record, so records settled out of order
 * lose nothing on a crash.
 *
 * <p>Failures are routed, never thrown back at the consumer: a record that does not decode goes to
 * {@code fetch-dlq} as poison and is acknowledged, so the consumer goes on, with the job event closing its task when
 * it still names one ({@link PoisonRecords}); a failed task goes to
 * {@code fetch-retry} (transient) or {@code fetch-dlq} (permanent) with its reason, as
 * {@link Failures#classify} decides. Only a failure to publish (or any other failure that escapes a cycle)
 * nacks the input, which stops the channel and makes the pod unready rather than lose anything.
 *
 * <p>A record of a newer {@code schema_version} than this pod reads is not poison: a newer pod wrote it (a rolling
 * deploy). It is neither dead-lettered nor acknowledged nor nacked, only left: the throttled commit strategy commits
 * its partition below it, so the partition's next owner, a newer pod once this one is replaced, reads it again,
 * while this pod goes on with the records it can read and reports itself not ready ({@link NewerEvents}). Trying to
 * decode it again here would not help (the same code gives the same answer), and pausing the intake would stop
 * everything the pod can still read for the sake of one record it cannot.
 */
@ApplicationScoped
public class StageRunner {
    private static final Supplier<Uni<Void>> NOTHING = () -> Uni.createFrom().voidItem();
    private static final Supplier<Uni<Boolean>> NOT_FINISHED = () -> Uni.createFrom().item(false);

    private final EventPublisher publisher;
    private final IntakeGate gate;
    private final MeterRegistry metrics;
    private final RecordSlots slots;
    private final StagePartitions partitions;
    /** One copy of a task worked at a time ({@link OneAtATime}). */
    private final OneAtATime tasks = new OneAtATime();
    private final NewerEvents newer;
    private final PoisonRecords poison;

    /**
     * @param inFlight   records a pod holds at once, over all its consumers ({@code STAGE_IN_FLIGHT})
     * @param partitions the stage channel's rebalance listener: the work of a revoked partition's records stops
     * @param newer      the records of a newer schema version left for a newer pod, for readiness
     */
    @Inject
    public StageRunner(EventPublisher publisher, IntakeGate gate, MeterRegistry metrics,
                       @ConfigProperty(name = "stage.in-flight") int inFlight,
                       @Identifier(StagePartitions.NAME) StagePartitions partitions, NewerEvents newer) {
        this.publisher = publisher;
        this.gate = gate;
        this.metrics = metrics;
        this.partitions = partitions;
        this.newer = newer;
        this.poison = new PoisonRecords(metrics);
        this.slots = new RecordSlots(inFlight);
        metrics.gauge("stage.records.in.flight", slots, RecordSlots::taken);
        metrics.gauge("stage.records.in.flight.limit", slots, RecordSlots::limit);
    }

    /** A runner whose consumers are never rebalanced (tests). */
    public StageRunner(EventPublisher publisher, IntakeGate gate, MeterRegistry metrics, int inFlight) {
        this(publisher, gate, metrics, inFlight, new StagePartitions(), new NewerEvents());
    }

    /**
     * Decodes the record as a {@code type} task, works it, publishes what it produced or its routed failure,
     * acknowledges. Completes once the record has a slot, before that work: see the class comment.
     */
    public <T extends StageEvent> Uni<Void> run(Message<byte[]> record, Class<T> type, Function<T, Uni<List<Event>>> work) {
        return gate.passage().chain(() -> inFlight(record, once -> decoded(once, type,
                (task, position) -> attempt(once, position, task, work, NOT_FINISHED, NOTHING))));
    }

    /** The cycle of a stage that skips the tasks {@code finished} knows, and marks each task it completes there. */
    public DeduplicatingStageRunner deduplicating(FinishedTasks finished) {
        return new DeduplicatingStageRunner(this, finished);
    }

    /** See {@link DeduplicatingStageRunner#runOnce}; completes once the record has a slot, as {@link #run}. */
    <T extends StageEvent> Uni<Void> runOnce(Message<byte[]> record, Class<T> type, FinishedTasks finished,
                                             Function<T, Uni<List<Event>>> work) {
        return gate.passage().chain(() -> inFlight(record, once -> decoded(once, type, (task, position) -> tasks.run(task.jobId() + " " + TaskIds.of(task), () ->
                // Redis away: do the work (at worst again) rather than fail the record, which would stop the channel.
                finished.contains(task).onFailure().recoverWithItem(false).chain(done -> {
                    if (done) {
                        metrics.counter("stage.records.already.finished", "topic", position.topic()).increment();
                        JobLog.info(task.jobId(), position, "%s already finished: acknowledged without fetching again",
                                task.getClass().getSimpleName());
                        return acknowledge(once);
                    }
                    // Marked finished only once everything it produced is durable, and only when the work succeeded.
                    // Asked again once the work is done: a record can wait minutes for its permit, and another copy
                    // of the task (a retry, a redelivery after a rebalance) may have finished it meanwhile.
                    return attempt(once, position, task, work,
                            () -> finished.contains(task).onFailure().recoverWithItem(false),
                            () -> markFinished(finished, task, position));
                })))));
    }

    /**
     * Runs {@code cycle} in one of the pod's slots, detached from the consumer: completes when the cycle has
     * started. The cycle gets the record wrapped so that it settles once: whatever failure escapes the cycle
     * without having settled the record (a defect: a publish failure is nacked where it happens) nacks it,
     * so no record is left unacknowledged forever, which would hold back its partition's commits unnoticed.
     * A record counts as settled once acknowledged, or from its first nack on (a failed acknowledgement is
     * nacked, as it always was).
     */
    private Uni<Void> inFlight(Message<byte[]> record, Function<Message<byte[]>, Uni<Void>> cycle) {
        return slots.start(() -> {
            AtomicBoolean settled = new AtomicBoolean();
            Message<byte[]> once = Message.of(record.getPayload(), record.getMetadata(),
                    metadata -> record.ack(metadata).thenRun(() -> settled.set(true)),
                    (reason, metadata) -> settled.compareAndSet(false, true) ? record.nack(reason, metadata)
                            : CompletableFuture.completedFuture(null));
            return Uni.createFrom().deferred(() -> cycle.apply(once)).onFailure().call(error -> {
                if (settled.get()) {
                    return Uni.createFrom().voidItem();
                }
                JobLog.error(DeadLetter.UNKNOWN_JOB, positionOf(record), "this record's cycle failed; nacked, it stays uncommitted: %s",
                        error.toString());
                return Uni.createFrom().completionStage(once.nack(error));
            });
        });
    }

    private static JobLog.Position positionOf(Message<byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(origin -> new JobLog.Position(origin.getTopic(), origin.getPartition(), origin.getOffset()))
                .orElse(JobLog.Position.NONE);
    }

    /**
     * Decodes the record, then lets {@code decide} settle it now ({@link Disposition#settle}: publish, then
     * acknowledge) or hold it ({@link Disposition#hold}): the record stays unacknowledged, so uncommitted,
     * until its {@link HeldRecord} is released. A record that does not decode is dead-lettered as poison.
     *
     * @param decide given the decoded event and where it was read
     */
    public <T extends Event> Uni<Void> runOrHold(Message<byte[]> record, Class<T> type,
                                                 BiFunction<T, JobLog.Position, Uni<Disposition>> decide) {
        return gate.passage().chain(() -> decoded(record, type, (event, position) -> decide.apply(event, position)
                .chain(disposition -> {
                    if (disposition instanceof Disposition.Hold hold) {
                        return hold.keep().apply(new HeldRecord(this, record, position));
                    }
                    return settle(record, position, ((Disposition.Settle) disposition).produced(), NOTHING);
                })));
    }

    private <T extends Event> Uni<Void> decoded(Message<byte[]> record, Class<T> type,
                                                BiFunction<T, JobLog.Position, Uni<Void>> then) {
        IncomingKafkaRecordMetadata<?, ?> origin = record.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        JobLog.Position position = new JobLog.Position(origin.getTopic(), origin.getPartition(), origin.getOffset());
        T event;
        try {
            event = EventCodec.decode(record.getPayload(), type);
        } catch (NewerEventVersionException newerVersion) {
            return leftForANewerPod(record.getPayload(), origin, position, newerVersion);
        } catch (EventFormatException unreadable) {
            return settle(record, position, poison.settledWith(record.getPayload(), cluesOf(record.getPayload(), origin), position,
                    unreadable), NOTHING);
        }
        metrics.counter("stage.records.consumed", "topic", origin.getTopic()).increment();
        return then.apply(event, position);
    }

    /** What one attempt produced: its results, or its failure routed to retry or the dead-letter topic. */
    private record Outcome(List<Event> produced, boolean succeeded) {
    }

    /**
     * Works the task, then publishes its results (or routes its failure) and acknowledges. Nothing is published
     * when the record's partition was revoked meanwhile (its new owner works it), nor when {@code finishedMeanwhile}
     * answers true once the work succeeded (another copy of the task published it first): then it is only
     * acknowledged.
     */
    private <T extends StageEvent> Uni<Void> attempt(Message<byte[]> record, JobLog.Position position, T task,
                                                     Function<T, Uni<List<Event>>> work,
                                                     Supplier<Uni<Boolean>> finishedMeanwhile, Supplier<Uni<Void>> onSuccess) {
        if (!partitions.owns(position)) {
            return revoked(position); // read before its partition was revoked, handed over after
        }
        return partitions.unlessRevoked(position, Uni.createFrom().deferred(() -> work.apply(task)))
                .map(produced -> new Outcome(produced, true))
                .onFailure(StagePartitions.PartitionRevoked.class).recoverWithNull()
                .onFailure().recoverWithItem(error -> new Outcome(route(task, position, error), false))
                .chain(outcome -> {
                    if (outcome == null) {
                        return revoked(position);
                    }
                    if (!outcome.succeeded()) {
                        return settled(record, position, task, outcome, NOTHING);
                    }
                    return finishedMeanwhile.get().chain(finished -> {
                        if (finished) {
                            metrics.counter("stage.records.finished.meanwhile", "topic", position.topic()).increment();
                            JobLog.info(task.jobId(), position, "%s finished by another copy meanwhile: acknowledged unpublished",
                                    task.getClass().getSimpleName());
                            return acknowledge(record);
                        }
                        return settled(record, position, task, outcome, onSuccess);
                    });
                });
    }

    private Uni<Void> settled(Message<byte[]> record, JobLog.Position position, StageEvent task, Outcome outcome,
                              Supplier<Uni<Void>> onSuccess) {
        return settle(record, position, outcome.produced(), onSuccess)
                .invoke(() -> JobLog.info(task.jobId(), position, "%s attempt %d settled: %d records published",
                        task.getClass().getSimpleName(), task.attempt(), outcome.produced().size()));
    }

    /**
     * Its partition went to another consumer, which reads this record again: nothing published, not acknowledged
     * (the commit of a revoked partition is no longer this consumer's).
     */
    private Uni<Void> revoked(JobLog.Position position) {
        metrics.counter("stage.records.revoked", "topic", position.topic()).increment();
        return Uni.createFrom().voidItem();
    }

    /** Without the mark (Redis down), a redelivery only repeats work: the record is acknowledged all the same. */
    private Uni<Void> markFinished(FinishedTasks finished, StageEvent task, JobLog.Position position) {
        return finished.add(task).onFailure().recoverWithUni(error -> {
            JobLog.warn(task.jobId(), position, "could not mark the task finished (%s); a redelivery would repeat it",
                    error.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    /** Publishes, then runs {@code beforeAck}, then acknowledges; nacks the record if any of it fails. */
    private Uni<Void> settle(Message<byte[]> record, JobLog.Position position, List<? extends Event> produced,
                             Supplier<Uni<Void>> beforeAck) {
        return publish(produced, record)
                .chain(() -> beforeAck.get())
                .chain(() -> acknowledge(record))
                .onFailure().call(error -> {
                    JobLog.error(jobOf(produced), position, "could not publish the results of this record; it stays uncommitted: %s",
                            error.toString());
                    return Uni.createFrom().completionStage(record.nack(error));
                });
    }

    /** Completes when the broker has acknowledged every event; the record's trace is their parent. */
    Uni<Void> publish(List<? extends Event> produced, Message<byte[]> cause) {
        return publisher.publishAll(produced, cause).invoke(() -> produced.forEach(this::count));
    }

    static Uni<Void> acknowledge(Message<byte[]> record) {
        return Uni.createFrom().completionStage(record.ack());
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

    private List<Event> route(StageEvent task, JobLog.Position position, Throwable error) {
        Failure failure = Failures.classify(task.attempt(), error);
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        if (google != null && google.quotaExceeded()) {
            // The token bucket should make this impossible: count it as a defect.
            metrics.counter("stage.google.quota.exceeded").increment();
        }
        JobLog.info(task.jobId(), position, "%s attempt %d failed (%s): %s", task.getClass().getSimpleName(), task.attempt(),
                failure.retryable() ? "will retry" : "permanent", failure.reason());
        if (failure.retryable()) {
            return List.of(new RetryRequest(task.jobId(), Instant.now(), task, List.of(failure)),
                    JobEvents.failed(task, JobEvent.Outcome.RETRY_SCHEDULED, failure.reason()));
        }
        return List.of(new DeadLetter(task.jobId(), Instant.now(), task.topic(), failure.reason(), task, List.of(failure), null),
                JobEvents.failed(task, JobEvent.Outcome.DEAD_LETTERED, failure.reason()));
    }

    /** Nothing published, nothing acknowledged or nacked: see the class comment. */
    private Uni<Void> leftForANewerPod(byte[] payload, IncomingKafkaRecordMetadata<?, ?> origin, JobLog.Position position,
                                       NewerEventVersionException why) {
        metrics.counter("stage.records.newer.version", "topic", origin.getTopic()).increment();
        newer.left(why);
        String job = cluesOf(payload, origin).jobId();
        JobLog.warn(job == null ? DeadLetter.UNKNOWN_JOB : job, position,
                "left unacknowledged for a newer pod, its partition not committed past it (upgrade this pod): %s", why.getMessage());
        return Uni.createFrom().voidItem();
    }

    /**
     * What an unreadable record still names. On a topic keyed by job id its key names the job too; elsewhere the key
     * is an account or location id, not a job's.
     */
    private static UnreadableRecord cluesOf(byte[] payload, IncomingKafkaRecordMetadata<?, ?> origin) {
        String jobKey = EventPublisher.keyedByJobId(origin.getTopic()) && origin.getKey() instanceof String key ? key : null;
        return UnreadableRecord.read(payload, jobKey);
    }
}
