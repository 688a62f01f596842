package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What happens when Google, or a producer, misbehaves: nothing healthy is lost, the broken is dead-lettered with its reason. */
@ExtendWith(LiveStack.class)
class FaultsIT {

    @Test
    void transientErrorsAreRetriedAndBrokenLocationsDeadLetteredWithTheirReasons() throws Exception {
        Map<String, Set<String>> reviewsByLocation = Emulator.fetchableReviewsByLocation();
        List<String> withReviews = reviewsByLocation.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).sorted().toList();
        String forbidden = withReviews.get(0);
        String missing = withReviews.get(1);
        assertEquals(200, Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of(
                "errorRates", Map.of("503", 0.2, "429", 0.05),
                "latency", Map.of("fixedMs", 5, "randomMs", 40),
                "forbiddenLocations", List.of(forbidden),
                "notFoundLocations", List.of(missing))).status());
        Map<TopicPartition, Long> before = TopicScan.mark();

        String jobId = Jobs.submitWithFreshToken();
        JsonNode status = Jobs.awaitFinalStatus(jobId);

        assertEquals("completed_with_errors", status.path("status").asText(), status.toString());
        assertEquals(2, status.path("counts").path("dead_lettered").asInt(), status.toString());
        assertTrue(status.path("counts").path("retries").asInt() > 0, "20 % of calls failed, yet no retry: " + status);
        Set<String> healthy = new HashSet<>();
        reviewsByLocation.forEach((location, reviews) -> {
            if (!location.equals(forbidden) && !location.equals(missing)) {
                healthy.addAll(reviews);
            }
        });
        Map<String, Integer> delivered = Jobs.reviewsDelivered(before, jobId);
        assertEquals(healthy, delivered.keySet(), "every review of every healthy location, and only those");

        Map<String, String> reasonByLocation = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.FETCH_DLQ)) {
            if (jobId.equals(record.key())) {
                DeadLetter letter = EventCodec.decode(record.value(), DeadLetter.class);
                reasonByLocation.put(((FetchReviews) letter.event()).locationId(), letter.reason());
            }
        }
        assertEquals(Set.of(forbidden, missing), reasonByLocation.keySet(), reasonByLocation.toString());
        assertTrue(reasonByLocation.get(forbidden).contains("403"), reasonByLocation.get(forbidden));
        assertTrue(reasonByLocation.get(missing).contains("404"), reasonByLocation.get(missing));

        // The operator lists the job's dead letters, fixes the cause (Google heals) and replays them.
        String admin = LocalStack.secret("ADMIN_API_KEY");
        Http.Answer listed = Http.get(LocalStack.RETRY_SERVICE + "/api/v1/dlq?job_id=" + jobId, "X-API-Key", admin);
        assertEquals(200, listed.status(), listed.text());
        assertEquals(2, listed.body().size(), listed.text());
        assertEquals(401, Http.get(LocalStack.RETRY_SERVICE + "/api/v1/dlq?job_id=" + jobId).status());
        Emulator.heal();
        Http.Answer replayed = Http.post(LocalStack.RETRY_SERVICE + "/api/v1/dlq/replay", Map.of("job_id", jobId), "X-API-Key", admin);
        assertEquals(200, replayed.status(), replayed.text());
        assertEquals(2, replayed.body().path("replayed").asInt(), replayed.text());
        Jobs.awaitStatus(jobId, "completed");
        assertEquals(Emulator.fetchableReviewIds(), Jobs.reviewsDelivered(before, jobId).keySet(),
                "after the replay, the two locations' reviews arrive too");
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonWhileTheConsumersGoOn() throws Exception {
        Map<TopicPartition, Long> before = TopicScan.mark();
        Map<String, String> expectedField = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.KAFKA, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (String topic : List.of(Topics.FETCH_ACCOUNTS, Topics.FETCH_LOCATIONS, Topics.FETCH_REVIEWS, Topics.FETCH_RETRY)) {
                for (Map.Entry<String, String> bad : Map.of(
                        "not json at all", "$",
                        "{\"type\":\"fetch_photos\",\"schema_version\":1}", "type",
                        "{\"type\":\"fetch_accounts\",\"schema_version\":1,\"job_id\":7}", "job_id").entrySet()) {
                    RecordMetadata written = producer.send(new ProducerRecord<>(topic, "poison-" + UUID.randomUUID(), bad.getKey())).get();
                    expectedField.put(written.topic() + "@" + written.partition() + "@" + written.offset(), bad.getValue());
                }
            }
        }

        // The consumers go on: a job submitted behind the poison completes with every review.
        String jobId = Jobs.submitWithFreshToken();
        assertEquals("completed", Jobs.awaitFinalStatus(jobId).path("status").asText());
        assertEquals(Emulator.fetchableReviewIds(), Jobs.reviewsDelivered(before, jobId).keySet());

        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.FETCH_DLQ)) {
            DeadLetter letter = EventCodec.decode(record.value(), DeadLetter.class);
            if (letter.poison() != null) {
                reasons.put(letter.sourceTopic() + "@" + letter.poison().partition() + "@" + letter.poison().offset(), letter.reason());
            }
        }
        expectedField.forEach((where, field) -> {
            assertTrue(reasons.containsKey(where), "no dead letter for the poison record at " + where);
            assertTrue(reasons.get(where).contains(field + ":"), where + " reason should name " + field + ": " + reasons.get(where));
        });
    }
}
