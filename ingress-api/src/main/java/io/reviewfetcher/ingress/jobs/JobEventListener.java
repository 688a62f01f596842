package io.reviewfetcher.ingress.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code job-events} into Redis. Every ingress-api pod is in the same consumer group and writes to
 * the same Redis, and every write is idempotent, so any pod may apply any event, once or again after a
 * redelivery. Records come in batches; the events of a batch are applied concurrently (their order does not
 * matter to the script) and the batch is committed once all are applied. A record that is not a valid
 * job_event is logged by position and reason (never by content) and skipped. While Redis is down, the batch
 * is retried with backoff rather than skipped, so no progress is lost; the channel's throttled commit
 * strategy is told not to call that unhealthy (application.properties).
 */
@ApplicationScoped
public class JobEventListener {

    private final JobStatusStore store;
    private final int concurrency;
    private final Counter applied;
    private final Counter skipped;
    private final MeterRegistry registry;

    public JobEventListener(JobStatusStore store, IngressConfig config, MeterRegistry registry) {
        this.store = store;
        this.concurrency = config.status().writeConcurrency();
        this.applied = Counter.builder("ingress_job_events_applied").description("job-events records applied to job status").register(registry);
        this.skipped = Counter.builder("ingress_job_events_skipped").description("job-events records skipped because they are not valid job_event records")
                .register(registry);
        this.registry = registry;
    }

    @Incoming("job-events")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        List<JobEvent> events = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            JobEvent event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        return Multi.createFrom().iterable(events)
                .onItem().transformToUni(event -> store.apply(event).invoke(this::recordDuration)).merge(concurrency)
                .collect().last()
                .onFailure().invoke(e -> Log.warnf("Job status not written to Redis (%s); retrying the batch", e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(() -> applied.increment(events.size()))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Submission to final status, by final status: each job is recorded once, by the pod that saw it finish. */
    private void recordDuration(JobStatusStore.Finished finished) {
        if (finished != null) {
            Timer.builder("jobs.duration").description("Jobs from submission to their final status")
                    .tag("status", finished.status()).publishPercentileHistogram().register(registry)
                    .record(finished.duration());
        }
    }

    private JobEvent decode(KafkaRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.getPayload(), JobEvent.class);
        } catch (EventFormatException e) {
            skipped.increment();
            // The field and the problem, never the value: a poison record might hold anything, a token included.
            long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
            Log.warnf("Skipped job-events record at partition %d offset %d: not a valid job_event (%s)",
                    record.getPartition(), offset, e.field());
            return null;
        }
    }
}
