package io.reviewfetcher.ingress.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What every ingress-api test runs with: fresh random caller keys (no key is committed, not even for tests), in
 * INGRESS_API_KEYS' form: two valid for every client, one for the clients acme and acme-reviews only, and two that only
 * AdmissionApiTest uses, so that the jobs-per-minute windows it fills are its own; job status under its own Redis key prefix, so that an ingress-api of a running local stack, which
 * consumes the same job-events into the same Redis, cannot answer for this one; and a consumer group of its
 * own whose offsets start at the end of job-events, so the tests neither wait behind old records nor miss
 * the ones they produce.
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Valid for every client ({@code <key>=*}). */
    public static final String API_KEY = randomHex(24);
    /** Valid for every client. */
    public static final String OTHER_API_KEY = randomHex(24);
    /** Valid for the clients {@code acme} and {@code acme-reviews} only. */
    public static final String ACME_API_KEY = randomHex(24);
    /** Valid for every client; used by AdmissionApiTest alone. */
    public static final String RATE_API_KEY = randomHex(24);
    /** Valid for every client; used by AdmissionApiTest alone. */
    public static final String OTHER_RATE_API_KEY = randomHex(24);
    public static final String STATUS_PREFIX = "ingress-test:job:";

    @Override
    public Map<String, String> start() {
        String group = "ingress-api-test-" + randomHex(6);
        startAtTheEnd(group);
        return Map.of(
                "api-keys.caller", String.join(",", API_KEY + "=*", OTHER_API_KEY + "=*", ACME_API_KEY + "=acme|acme-reviews",
                        RATE_API_KEY + "=*", OTHER_RATE_API_KEY + "=*"),
                "ingress.status.key-prefix", STATUS_PREFIX,
                "mp.messaging.incoming.job-events.group.id", group);
    }

    private static void startAtTheEnd(String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTopics.BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_EVENTS).stream()
                    .map(p -> new TopicPartition(Topics.JOB_EVENTS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            consumer.commitSync();
        }
    }

    @Override
    public void stop() {
    }

    public static String randomHex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
