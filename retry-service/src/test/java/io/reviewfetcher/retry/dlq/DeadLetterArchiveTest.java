package io.reviewfetcher.retry.dlq;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The archive against the real local broker, each test on a two-partition topic of its own (deleted after),
 * so fetch-dlq and the stack's letters are never touched. Letters are written to a partition of the test's
 * choosing; each is named by its location id.
 */
class DeadLetterArchiveTest {
    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    private final String topic = "dlq-archive-test-" + UUID.randomUUID();
    private Admin admin;
    private DeadLetterArchive archive;

    @BeforeEach
    void createTopic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        archive = new DeadLetterArchive(BOOTSTRAP, topic);
    }

    @AfterEach
    void deleteTopic() throws Exception {
        try {
            admin.deleteTopics(List.of(topic)).all().get();
        } finally {
            admin.close();
        }
    }

    private static DeadLetter letter(String location, String job, Instant at) {
        FetchReviews page = new FetchReviews(job, at, "client:42", "111", location, "Cafe", null, null, 1, FetchMode.FULL, 8);
        return new DeadLetter(job, at, "fetch-reviews", "retries exhausted after 9 attempts: 503", page,
                List.of(new Failure(8, at, 503, "503", true, null)), null);
    }

    private static DeadLetter letter(String location, Instant at) {
        return letter(location, "job-1", at);
    }

    /** Writes each value to {@code partition}, in order. */
    private void write(int partition, List<byte[]> values) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, partition, "job-1", value)).get();
            }
        }
    }

    private void write(int partition, DeadLetter... letters) throws Exception {
        write(partition, Arrays.stream(letters).map(EventCodec::encode).toList());
    }

    private static List<String> locations(List<DeadLetterArchive.Stored> found) {
        return found.stream().map(stored -> ((FetchReviews) stored.letter().event()).locationId()).toList();
    }

    @Test
    void theNewestComeFirstAcrossThePartitions() throws Exception {
        write(0, letter("t1", T.plusSeconds(1)), letter("t3", T.plusSeconds(3)), letter("t5", T.plusSeconds(5)));
        write(1, letter("t2", T.plusSeconds(2)), letter("t4", T.plusSeconds(4)), letter("t6", T.plusSeconds(6)));

        assertEquals(List.of("t6", "t5", "t4", "t3"), locations(archive.newest(4)));
        assertEquals(List.of("t6", "t5", "t4", "t3", "t2", "t1"), locations(archive.newest(100)));
    }

    @Test
    void equalTimesAreOrderedByPartitionThenOffsetHighestFirst() throws Exception {
        write(0, letter("p0o0", T), letter("p0o1", T));
        write(1, letter("p1o0", T), letter("p1o1", T));

        assertEquals(List.of("p1o1", "p1o0", "p0o1", "p0o0"), locations(archive.newest(10)));
    }

    @Test
    void withoutAFilterOnlyEachPartitionsLastLimitRecordsAreRead() throws Exception {
        // At offset 0 a letter with the latest time of all (a pod's clock ahead): outside a window of 2, it is not read.
        write(0, letter("ahead", T.plusSeconds(60)), letter("t1", T.plusSeconds(1)), letter("t2", T.plusSeconds(2)),
                letter("t3", T.plusSeconds(3)));
        write(1, letter("t4", T.plusSeconds(4)));

        assertEquals(List.of("t4", "t3"), locations(archive.newest(2)));
        // A filter reads the whole topic: every matching letter can be found, newest first.
        assertEquals(List.of("ahead", "t4"), locations(archive.newest(letter -> true, 2)));
    }

    @Test
    void aWindowReachingBeforeThePartitionsStartBeginsAtItsStart() throws Exception {
        write(0, letter("gone0", T), letter("gone1", T), letter("t1", T.plusSeconds(1)), letter("t2", T.plusSeconds(2)));
        // As retention does: the partition now starts at offset 2, after the window's start (4 - 3) and far after 4 - 10.
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();

        assertEquals(List.of("t2", "t1"), locations(archive.newest(3)));
        assertEquals(List.of("t2", "t1"), locations(archive.newest(10)));
    }

    @Test
    void recordsThatAreNoDeadLetterAreSkipped() throws Exception {
        write(0, List.of(EventCodec.encode(letter("t1", T.plusSeconds(1))), "not json at all".getBytes(StandardCharsets.UTF_8),
                EventCodec.encode(letter("t2", T.plusSeconds(2)))));

        assertEquals(List.of("t2", "t1"), locations(archive.newest(10)));
        assertEquals(List.of("t2"), locations(archive.newest(2)), "the window holds two records, one of them unreadable");
    }

    @Test
    void aFilteredListReadsTheWholeTopicAndKeepsTheNewestMatches() throws Exception {
        write(0, letter("a1", "job-a", T.plusSeconds(1)), letter("b2", "job-b", T.plusSeconds(2)),
                letter("a3", "job-a", T.plusSeconds(3)));
        write(1, letter("a4", "job-a", T.plusSeconds(4)), letter("b5", "job-b", T.plusSeconds(5)));

        assertEquals(List.of("a4", "a3"), locations(archive.newest(letter -> letter.jobId().equals("job-a"), 2)));
        assertEquals(List.of("a4", "a3", "a1"), locations(archive.newest(letter -> letter.jobId().equals("job-a"), 10)));
    }

    @Test
    void everyMatchIsFoundForAReplay() throws Exception {
        write(0, letter("a1", "job-a", T.plusSeconds(1)), letter("b2", "job-b", T.plusSeconds(2)),
                letter("a3", "job-a", T.plusSeconds(3)));
        write(1, letter("a4", "job-a", T.plusSeconds(4)));

        List<String> found = locations(archive.all(letter -> letter.jobId().equals("job-a")));
        assertEquals(3, found.size(), found.toString());
        assertEquals(List.of("a1", "a3"), found.stream().filter(l -> !l.equals("a4")).toList(), "a partition in its order");
    }
}
