package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Stand-ins for the broker side of a stage: a consumed record that remembers its fate, and a publisher. */
final class Fakes {
    private Fakes() {
    }

    /**
     * A record as the Kafka connector hands it over; {@code timeline} gets "ack" or "nack" when that happens, and
     * {@link #settled} completes then (a stage settles a record after its entry point has returned).
     */
    static final class Record {
        final Message<byte[]> message;
        final CompletableFuture<Void> settled = new CompletableFuture<>();
        volatile boolean acked;
        volatile Throwable nacked;
        private final List<String> timeline;

        Record(String topic, int partition, long offset, String key, byte[] value, List<String> timeline) {
            this.timeline = timeline;
            var metadata = new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>(topic, partition, offset, key, value), "stage-in");
            this.message = Message.of(value, Metadata.of(metadata), () -> {
                acked = true;
                timeline.add("ack");
                settled.complete(null);
                return CompletableFuture.completedFuture(null);
            }, reason -> {
                nacked = reason;
                timeline.add("nack");
                settled.complete(null);
                return CompletableFuture.completedFuture(null);
            });
        }

        /** Waits until the record is acknowledged or nacked. */
        Record awaitSettled() {
            settled.orTimeout(StageFixture.AWAIT.toMillis(), TimeUnit.MILLISECONDS).join();
            return this;
        }
    }

    /**
     * The outgoing channel: every event sent is kept; by default the broker acknowledges at once, or fails, or
     * waits until the test says so.
     */
    static final class Publisher extends EventPublisher {
        final List<Event> sent = Collections.synchronizedList(new ArrayList<>());
        final List<Message<?>> causes = Collections.synchronizedList(new ArrayList<>());
        private final List<String> timeline;
        volatile RuntimeException failWith;
        volatile CompletableFuture<Void> brokerAck;

        Publisher(List<String> timeline) {
            super(null);
            this.timeline = timeline;
        }

        /** Holds every acknowledgement from the broker until the returned future completes. */
        CompletableFuture<Void> holdBrokerAcks() {
            brokerAck = new CompletableFuture<>();
            return brokerAck;
        }

        @Override
        public Uni<Void> publish(Event event, Message<?> cause) {
            if (failWith != null) {
                return Uni.createFrom().failure(failWith);
            }
            sent.add(event);
            causes.add(cause);
            CompletableFuture<Void> ack = brokerAck;
            Uni<Void> acked = ack == null ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(ack);
            return acked.invoke(() -> timeline.add("published " + event.getClass().getSimpleName()));
        }

        <E extends Event> List<E> sent(Class<E> type) {
            synchronized (sent) {
                return sent.stream().filter(type::isInstance).map(type::cast).toList();
            }
        }
    }

    /** Finished tasks in memory; the lookup or the mark can be made to fail as Redis away would. */
    static final class Finished implements FinishedTasks {
        final List<String> tasks = Collections.synchronizedList(new ArrayList<>());
        private final List<String> timeline;
        volatile boolean lookupFails;
        volatile boolean markFails;

        Finished(List<String> timeline) {
            this.timeline = timeline;
        }

        @Override
        public Uni<Boolean> contains(StageEvent task) {
            return lookupFails ? Uni.createFrom().failure(new IllegalStateException("redis away"))
                    : Uni.createFrom().item(tasks.contains(TaskIds.of(task)));
        }

        @Override
        public Uni<Void> add(StageEvent task) {
            if (markFails) {
                return Uni.createFrom().failure(new IllegalStateException("redis away"));
            }
            tasks.add(TaskIds.of(task));
            timeline.add("marked finished");
            return Uni.createFrom().voidItem();
        }
    }
}
