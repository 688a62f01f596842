package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventType;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.List;

/**
 * Publishes events to their contract topic (from {@link EventType}), keyed by job id, through one
 * outgoing channel {@code events-out} (acks=all, idempotent: see each service's configuration). The
 * returned Uni completes when the broker has acknowledged, which is what lets a stage commit its input
 * only after everything it produced is durable.
 */
@ApplicationScoped
public class EventPublisher {
    private final MutinyEmitter<Event> emitter;

    public EventPublisher(@Channel("events-out") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
                          MutinyEmitter<Event> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(Event event) {
        return publish(event, null);
    }

    /**
     * @param cause the record this event results from: its trace context (when tracing is on) becomes the
     *              parent of the outgoing record's, so one trace follows a job across the Kafka hops
     */
    public Uni<Void> publish(Event event, Message<?> cause) {
        OutgoingKafkaRecordMetadata<String> where = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(EventType.of(event).topic())
                .withKey(event.jobId())
                .build();
        Message<Event> message = Message.of(event).addMetadata(where);
        if (cause != null) {
            message = TracingMetadata.fromMessage(cause).map(message::addMetadata).orElse(message);
        }
        return emitter.sendMessage(message);
    }

    public Uni<Void> publishAll(List<? extends Event> events) {
        return publishAll(events, null);
    }

    public Uni<Void> publishAll(List<? extends Event> events, Message<?> cause) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(event -> publish(event, cause)).toList()).andFailFast().replaceWithVoid();
    }
}
