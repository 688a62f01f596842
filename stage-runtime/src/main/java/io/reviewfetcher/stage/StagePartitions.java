package io.reviewfetcher.stage;

import io.quarkus.logging.Log;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stops the work of records whose partition this pod no longer reads. The partition's new owner reads again
 * every record from its last commit, which is below the oldest record still worked here: a record that went on
 * here would be fetched twice (twice the quota) and, with both copies publishing, delivered twice. So a record
 * whose partition is revoked (or lost) before it publishes is given up, unacknowledged: its work (a wait for a
 * permit, a Google call) is cancelled and nothing of it is published. One already publishing finishes; the new
 * owner then finds its task finished.
 *
 * <p>Named in the stage channel's configuration ({@code consumer-rebalance-listener.name}); Kafka calls it on its
 * polling thread, which it only briefly holds.
 */
@ApplicationScoped
@Identifier(StagePartitions.NAME)
public class StagePartitions implements KafkaConsumerRebalanceListener {
    static final String NAME = "stage-partitions";

    private final Map<TopicPartition, Set<Runnable>> working = new HashMap<>();
    /** Revoked and not assigned again: a record of one still handed over (it was read before) is not worked. */
    private final Set<TopicPartition> gone = new HashSet<>();

    /** Whether this pod still reads the record's partition, as far as it was told (unknown: yes). */
    synchronized boolean owns(JobLog.Position position) {
        return position.topic() == null || position.partition() == null
                || !gone.contains(new TopicPartition(position.topic(), position.partition()));
    }

    /**
     * {@code work}, unless the partition of the record it is for is revoked first: then it fails with
     * {@link PartitionRevoked}, and {@code work} is cancelled.
     */
    <T> Uni<T> unlessRevoked(JobLog.Position position, Uni<T> work) {
        if (position.topic() == null || position.partition() == null) {
            return work;
        }
        TopicPartition partition = new TopicPartition(position.topic(), position.partition());
        Uni<T> revoked = Uni.createFrom().emitter(emitter -> {
            Runnable stop = () -> emitter.fail(new PartitionRevoked());
            synchronized (this) {
                working.computeIfAbsent(partition, ignored -> new LinkedHashSet<>()).add(stop);
            }
            emitter.onTermination(() -> {
                synchronized (this) {
                    Set<Runnable> records = working.get(partition);
                    if (records != null && records.remove(stop) && records.isEmpty()) {
                        working.remove(partition);
                    }
                }
            });
        });
        // The first to end wins and cancels the other: the work, or the revocation.
        return Uni.combine().any().of(work, revoked);
    }

    synchronized int recordsWorked() {
        return working.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        synchronized (this) {
            gone.removeAll(partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        stop(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        stop(partitions, "lost");
    }

    private void stop(Collection<TopicPartition> partitions, String how) {
        List<Runnable> stops = new ArrayList<>();
        synchronized (this) {
            gone.addAll(partitions);
            for (TopicPartition partition : partitions) {
                Set<Runnable> records = working.remove(partition);
                if (records != null) {
                    stops.addAll(records);
                }
            }
        }
        stops.forEach(Runnable::run);
        if (!stops.isEmpty()) {
            Log.infof("partitions %s %s: the work of %d records stopped, unacknowledged, for their new owner", partitions, how,
                    stops.size());
        }
    }

    /** A record's work given up because its partition went to another consumer. */
    static final class PartitionRevoked extends RuntimeException {
        PartitionRevoked() {
            super("the record's partition was revoked", null, false, false);
        }
    }
}
