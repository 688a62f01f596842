package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Submitting jobs and reading what they delivered, as a client of the system does. */
final class Jobs {
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

    private Jobs() {
    }

    /** A job for the demo user's Google access token, freshly minted; returns the job id. */
    static String submitWithFreshToken() throws Exception {
        String accessToken = Emulator.mintTokens().path("access_token").asText();
        Http.Answer accepted = Http.post(LocalStack.INGRESS + "/api/v1/review-fetch", "{}", "Authorization", "Bearer " + accessToken);
        assertEquals(202, accepted.status(), accepted.text());
        return accepted.body().path("job_id").asText();
    }

    static JsonNode awaitFinalStatus(String jobId) throws Exception {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            Http.Answer answer = Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + jobId);
            assertEquals(200, answer.status(), answer.text());
            status = answer.body();
            String state = status.path("status").asText();
            if (state.equals("completed") || state.equals("completed_with_errors") || state.equals("failed")) {
                return status;
            }
            Thread.sleep(500); // polling interval of a status API client, not a stand-in for a condition
        }
        return fail("job " + jobId + " did not finish within " + JOB_TIMEOUT + "; last status " + status);
    }

    /** Waits until the job shows {@code expected} (a finished job can change again, e.g. after a replay). */
    static void awaitStatus(String jobId, String expected) throws Exception {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        String state = null;
        while (Instant.now().isBefore(deadline)) {
            state = Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + jobId).body().path("status").asText();
            if (state.equals(expected)) {
                return;
            }
            Thread.sleep(500);
        }
        fail("job " + jobId + " is " + state + ", not " + expected);
    }

    /** review id → how many times it arrived on reviews-raw for this job; every record must decode strictly. */
    static Map<String, Integer> reviewsDelivered(Map<TopicPartition, Long> before, String jobId) {
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.REVIEWS_RAW)) {
            if (!TopicScan.ofJob(record, jobId)) { // keyed by location id
                continue;
            }
            ReviewRaw review = EventCodec.decode(record.value(), ReviewRaw.class);
            assertEquals(jobId, review.jobId());
            assertEquals(review.fetchedAt().plus(ReviewRaw.RETENTION), review.expiresAt());
            assertEquals("Google", review.attribution().source());
            assertNotNull(review.locationName());
            counts.merge(review.reviewId(), 1, Integer::sum);
        }
        return counts;
    }

}
