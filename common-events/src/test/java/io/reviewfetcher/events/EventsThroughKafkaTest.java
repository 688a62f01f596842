package io.reviewfetcher.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The shared serialisers against the real broker that deploy/local/test.sh starts. */
class EventsThroughKafkaTest {
    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    @Test
    void aStageEventProducedWithTheSharedSerializerIsReadBackByTheCodec() throws Exception {
        String jobId = UUID.randomUUID().toString();
        FetchReviews sent = new FetchReviews(jobId, Instant.now(), SampleEvents.CREDENTIAL, "111", "222", "Zürich 🦷",
                null, null, 1, FetchMode.FULL, 0);

        RecordMetadata written;
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new EventSerializer())) {
            written = producer.send(new ProducerRecord<>(Topics.FETCH_REVIEWS, jobId, sent)).get();
        }

        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == written.offset()) {
                        assertEquals(jobId, record.key());
                        assertEquals(sent, EventCodec.decode(record.value(), FetchReviews.class));
                        return;
                    }
                }
            }
        }
        fail("the record written at " + partition + "@" + written.offset() + " was not read back within 30 s");
    }
}
