package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventType;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.ReviewDeleted;
import io.reviewfetcher.events.ReviewRaw;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.util.Arrays;
import java.util.List;

/**
 * Publishes events to their contract topic (from {@link EventType}), keyed by {@link #partitionKey}, through
 * one outgoing channel {@code events-out} (acks=all, idempotent: see each service's configuration). The
 * returned Uni completes when the broker has acknowledged, which is what lets a stage commit its input
 * only after everything it produced is durable. Everything the stages publish, retry-service's
 * re-publications and dead-letter replays included, goes through here, so one key rule holds for all.
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
                .withKey(partitionKey(event))
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

    /**
     * The record key, which picks the partition. A job's work is spread over partitions, and so over pods
     * and consumers: {@code fetch-locations} by account id, {@code fetch-reviews} by location id (the pages of
     * one list need no ordering by Kafka: each page publishes the next only once it is fetched; a batch of locations
     * by its first one, so an account's batches spread too; a review Google notified by its location, as ingress-api keys
     * it), and
     * {@code reviews-raw} by location id (a location's reviews and deletions stay in one partition, in page order). The rest
     * by job id, as ingress-api keys {@code fetch-accounts} too: {@code fetch-accounts} (the job's own list of
     * accounts), {@code job-events}, {@code fetch-retry} and {@code fetch-dlq}, which need no order across a
     * job's records either (job status is folded from sets keyed by task id, retries are scheduled by due time)
     * but whose key names the job.
     */
    public static String partitionKey(Event event) {
        return switch (EventType.of(event)) {
            case FETCH_LOCATIONS -> ((FetchLocations) event).accountId();
            case FETCH_REVIEWS -> ((FetchReviews) event).locationId();
            case FETCH_REVIEW_BATCH -> ((FetchReviewBatch) event).firstLocationId();
            case FETCH_REVIEW_CHANGE -> ((FetchReviewChange) event).locationId();
            case REVIEW_RAW -> ((ReviewRaw) event).locationId();
            case REVIEW_DELETED -> ((ReviewDeleted) event).locationId();
            case FETCH_ACCOUNTS, RETRY_REQUEST, DEAD_LETTER, JOB_EVENT -> event.jobId();
        };
    }

    /** Whether records on {@code topic} are keyed by job id (so that a record's key names its job), as {@link #partitionKey} keys them. */
    public static boolean keyedByJobId(String topic) {
        return Arrays.stream(EventType.values()).filter(type -> type.topic().equals(topic)).findFirst()
                .map(type -> switch (type) {
                    case FETCH_ACCOUNTS, RETRY_REQUEST, DEAD_LETTER, JOB_EVENT -> true;
                    case FETCH_LOCATIONS, FETCH_REVIEWS, FETCH_REVIEW_BATCH, FETCH_REVIEW_CHANGE, REVIEW_RAW, REVIEW_DELETED -> false;
                })
                .orElse(false);
    }

    public Uni<Void> publishAll(List<? extends Event> events, Message<?> cause) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(events.stream().map(event -> publish(event, cause)).toList()).andFailFast().replaceWithVoid();
    }
}
