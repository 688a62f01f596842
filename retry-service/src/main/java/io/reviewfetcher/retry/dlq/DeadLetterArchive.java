package io.reviewfetcher.retry.dlq;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * fetch-dlq itself is the archive (30 days' retention): a query reads it from the start with a consumer of
 * its own, outside any group, so looking never moves anyone's offsets. An operator's tool: its cost grows
 * with the topic, which is fine at the rates dead letters come.
 */
@ApplicationScoped
public class DeadLetterArchive {
    /** A dead letter and where it sits. */
    public record Stored(int partition, long offset, DeadLetter letter) {
    }

    private final String bootstrapServers;

    public DeadLetterArchive(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public List<Stored> find(Predicate<DeadLetter> wanted, int limit) {
        List<Stored> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FETCH_DLQ).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < limit && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        DeadLetter letter = EventCodec.decode(record.value(), DeadLetter.class);
                        if (wanted.test(letter) && found.size() < limit) {
                            found.add(new Stored(record.partition(), record.offset(), letter));
                        }
                    } catch (EventFormatException unreadable) {
                        // not a dead letter of ours: nothing to list or replay
                    }
                }
            }
        }
        return found;
    }
}
