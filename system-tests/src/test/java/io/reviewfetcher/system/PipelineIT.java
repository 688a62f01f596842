package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job in, every review out: the whole pipeline as separate processes (two replicas of each worker)
 * against the real broker, Redis, PostgreSQL and the emulator, checked against the emulator's truth.
 */
class PipelineIT {
    private static final int QUOTA_QPM = Integer.parseInt(System.getenv().getOrDefault("QUOTA_QPM", "300"));

    @BeforeAll
    static void stack() throws Exception {
        LocalStack.up();
        Emulator.heal();
    }

    @Test
    void aJobSubmittedWithAnAccessTokenDeliversEveryReviewOfTheTruthOnce() throws Exception {
        JsonNode tokens = Emulator.mintTokens();
        String accessToken = tokens.path("access_token").asText();
        Map<TopicPartition, Long> before = TopicScan.mark();

        Http.Answer accepted = Http.post(LocalStack.INGRESS + "/api/v1/review-fetch", "{}",
                "Authorization", "Bearer " + accessToken);

        assertJobDeliversTheTruth(before, accepted);
        assertNoSecretAnywhere(before, accessToken, tokens.path("refresh_token").asText());
        assertQuotaHeld();
    }

    @Test
    void aJobForAClientConnectedThroughOAuthDeliversEveryReviewOfTheTruthOnce() throws Exception {
        String clientId = Clients.connect("system test");
        Map<TopicPartition, Long> before = TopicScan.mark();

        Http.Answer accepted = Http.post(LocalStack.INGRESS + "/api/v1/review-fetch", Map.of("client_id", clientId),
                "X-API-Key", LocalStack.callerKey());

        assertJobDeliversTheTruth(before, accepted);
        String managedToken = Http.get(LocalStack.TOKEN_SERVICE + "/tokens/validate/" + clientId,
                        "X-API-Key", LocalStack.secret("ADMIN_API_KEY"))
                .body().path("access_token").asText();
        assertFalse(managedToken.isBlank());
        assertNoSecretAnywhere(before, Clients.GOOGLE_CLIENT_SECRET, managedToken);
        assertQuotaHeld();
    }

    private static void assertJobDeliversTheTruth(Map<TopicPartition, Long> before, Http.Answer accepted) throws Exception {
        assertEquals(202, accepted.status(), accepted.text());
        String jobId = accepted.body().path("job_id").asText();
        assertEquals("queued", accepted.body().path("status").asText());

        JsonNode status = Jobs.awaitFinalStatus(jobId);
        assertEquals("completed", status.path("status").asText(), status.toString());

        Map<String, Integer> delivered = Jobs.reviewsDelivered(before, jobId);
        Set<String> truth = Emulator.fetchableReviewIds();
        assertEquals(truth, delivered.keySet(), "the review ids on reviews-raw must be exactly the truth");
        delivered.forEach((id, times) -> assertEquals(1, times, "review " + id + " delivered " + times + " times"));
        assertEquals(truth.size(), status.path("counts").path("reviews_delivered").asLong(), status.toString());
    }

    private static void assertNoSecretAnywhere(Map<TopicPartition, Long> before, String... secrets) throws IOException, InterruptedException {
        for (String topic : TopicScan.CONTRACT_TOPICS) {
            for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, topic)) {
                String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(value.contains(secret), "a token appears on " + topic + " at offset " + record.offset());
                }
            }
        }
        for (int port : List.of(8080, 8180, 8081, 8082, 8083, 8084, 8085, 8089)) {
            String metrics = Http.get("http://127.0.0.1:" + port + "/q/metrics").text();
            for (String secret : secrets) {
                assertFalse(metrics.contains(secret), "a token appears on the metrics of :" + port);
            }
        }
        try (Stream<Path> logs = Files.list(LocalStack.logs())) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), "a token appears in " + log.getFileName());
                }
            }
        }
    }

    private static void assertQuotaHeld() throws Exception {
        JsonNode stats = Emulator.stats();
        assertTrue(stats.path("peakCallsIn60s").asInt() <= QUOTA_QPM,
                "Google saw " + stats.path("peakCallsIn60s") + " calls in one 60 s window, quota " + QUOTA_QPM);
        assertEquals(0, stats.path("quotaRejections").asInt(), "Google refused calls for quota: " + stats);
    }
}
