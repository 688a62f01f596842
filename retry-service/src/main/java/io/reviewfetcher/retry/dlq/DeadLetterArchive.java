package io.reviewfetcher.retry.dlq;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.LongBinaryOperator;
import java.util.function.Predicate;

/**
 * fetch-dlq itself is the archive (30 days' retention): a query reads it with a consumer of its own, outside
 * any group, so looking never moves anyone's offsets. Answers come newest first ({@link #NEWEST_FIRST}): an
 * operator looks for what went wrong lately, and the oldest letters of a full topic would hide it.
 * Unfiltered, only each partition's tail is read; a filter reads the whole topic, since a matching letter
 * may sit anywhere in it. An operator's tool: its cost grows with the topic, which is fine at the rates dead
 * letters come.
 */
@ApplicationScoped
public class DeadLetterArchive {
    /** A dead letter and where it sits. */
    public record Stored(int partition, long offset, DeadLetter letter) {
    }

    /** By created_at, newest first; at equal times the higher partition, then the higher (later) offset first, so an answer is stable. */
    public static final Comparator<Stored> NEWEST_FIRST = Comparator.comparing((Stored stored) -> stored.letter().createdAt())
            .thenComparingInt(Stored::partition).thenComparingLong(Stored::offset).reversed();

    private final String bootstrapServers;
    private final String topic;

    @Inject
    public DeadLetterArchive(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this(bootstrapServers, Topics.FETCH_DLQ);
    }

    /** Another topic than fetch-dlq: tests read one of their own. */
    DeadLetterArchive(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /**
     * The newest {@code limit} letters without reading the whole topic: each partition's last {@code limit}
     * records, whose newest {@code limit} over all partitions are the answer. Within a partition a letter is
     * written after the ones before it, so a letter before the window is older than the window's, give or take
     * the clocks of the pods that wrote them; records in the window that are no dead letter (poison of another
     * kind) make the answer shorter, never older.
     */
    public List<Stored> newest(int limit) {
        return newest((beginning, end) -> Math.max(beginning, end - limit), letter -> true, limit);
    }

    /** The newest {@code limit} letters that match, from the whole topic. */
    public List<Stored> newest(Predicate<DeadLetter> wanted, int limit) {
        return newest((beginning, end) -> beginning, wanted, limit);
    }

    /** Every letter that matches, in the topic's order (partition by partition as read): what a replay publishes. */
    public List<Stored> all(Predicate<DeadLetter> wanted) {
        List<Stored> found = new ArrayList<>();
        read((beginning, end) -> beginning, stored -> {
            if (wanted.test(stored.letter())) {
                found.add(stored);
            }
        });
        return found;
    }

    private List<Stored> newest(LongBinaryOperator from, Predicate<DeadLetter> wanted, int limit) {
        // Only the newest `limit` so far are held, the oldest of them at the head: a filtered scan of a full topic stays small.
        PriorityQueue<Stored> kept = new PriorityQueue<>(NEWEST_FIRST.reversed());
        read(from, stored -> {
            if (wanted.test(stored.letter())) {
                kept.add(stored);
                if (kept.size() > limit) {
                    kept.poll();
                }
            }
        });
        return kept.stream().sorted(NEWEST_FIRST).toList();
    }

    /**
     * Reads every partition from {@code from(beginning, end)} up to the end it had when the read began (letters
     * written meanwhile are for the next look), handing each dead letter to {@code each}.
     */
    private void read(LongBinaryOperator from, Consumer<Stored> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Retention may delete the start of a partition between the look-up and the read: go on from the new start.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.applyAsLong(beginning.get(p), end.get(p))));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        each.accept(new Stored(record.partition(), record.offset(), EventCodec.decode(record.value(), DeadLetter.class)));
                    } catch (EventFormatException unreadable) {
                        // not a dead letter of ours: nothing to list or replay
                    }
                }
            }
        }
    }
}
