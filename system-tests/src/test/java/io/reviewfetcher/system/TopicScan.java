package io.reviewfetcher.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what the system wrote to its topics after a point in time: {@link #mark()} takes every partition's
 * end offset, {@link #since} reads from there to the current end.
 */
final class TopicScan {
    static final List<String> CONTRACT_TOPICS = List.of("fetch-accounts", "fetch-locations", "fetch-reviews", "reviews-raw",
            "fetch-retry", "fetch-dlq", "job-events");

    private TopicScan() {
    }

    static Map<TopicPartition, Long> mark() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return new HashMap<>(consumer.endOffsets(partitions(consumer, CONTRACT_TOPICS)));
        }
    }

    static List<ConsumerRecord<String, byte[]>> since(Map<TopicPartition, Long> mark, String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, List.of(topic));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, mark.getOrDefault(p, 0L)));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /**
     * Whether the record belongs to {@code jobId}, by the {@code job_id} of its value: only some topics are keyed by
     * job id (fetch-locations by account id, fetch-reviews and reviews-raw by location id). A value that is not
     * JSON (another test's poison) belongs to no job.
     */
    static boolean ofJob(ConsumerRecord<String, byte[]> record, String jobId) {
        try {
            return record.value() != null && jobId.equals(Http.JSON.readTree(record.value()).path("job_id").asText(null));
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Each stage's consumer group and the topic it reads. */
    private static final Map<String, String> STAGE_GROUPS = Map.of("account-worker", "fetch-accounts",
            "location-worker", "fetch-locations", "review-worker", "fetch-reviews", "retry-service", "fetch-retry");

    /**
     * The stages whose consumer group has not yet committed up to the end of its topic, with how far behind it is.
     * Empty means no stage holds any work (a record in flight or waiting for its retry is uncommitted), so no job
     * left running by an earlier test still calls Google.
     */
    static List<String> stagesBehind() throws Exception {
        List<String> behind = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA));
             KafkaConsumer<String, byte[]> consumer = consumer()) {
            for (Map.Entry<String, String> stage : STAGE_GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(stage.getKey())
                        .partitionsToOffsetAndMetadata().get();
                long lag = 0;
                for (Map.Entry<TopicPartition, Long> end : consumer.endOffsets(partitions(consumer, List.of(stage.getValue()))).entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue() - (at == null ? 0 : at.offset());
                }
                if (lag > 0) {
                    behind.add(stage.getKey() + " " + lag + " records behind on " + stage.getValue());
                }
            }
        }
        return behind;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
