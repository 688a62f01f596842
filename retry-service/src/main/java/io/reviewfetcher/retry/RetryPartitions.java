package io.reviewfetcher.retry;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Tells {@link PendingRetries} which fetch-retry partitions this pod stops and starts reading. A partition's
 * new owner reads again every record from its last commit, which is below the oldest record held here: the
 * retries held from it are the new owner's now, and publishing them here too would publish them twice.
 * Named in the channel's configuration ({@code consumer-rebalance-listener.name}); a lost partition is revoked.
 */
@ApplicationScoped
@Identifier(RetryPartitions.NAME)
public class RetryPartitions implements KafkaConsumerRebalanceListener {
    static final String NAME = "retry-partitions";

    private final PendingRetries pending;

    public RetryPartitions(PendingRetries pending) {
        this.pending = pending;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        int dropped = pending.revoke(partitions);
        if (dropped > 0) {
            Log.infof("fetch-retry partitions %s revoked: %d held retries dropped, unacknowledged, for their new owner", partitions,
                    dropped);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        pending.assign(partitions);
    }
}
