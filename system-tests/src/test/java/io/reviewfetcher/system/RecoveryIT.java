package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Operators and crashes: pausing a stage and killing retry-service lose nothing. */
@ExtendWith(LiveStack.class)
class RecoveryIT {
    private static final List<Integer> REVIEW_WORKERS = List.of(8084, 8184);

    @AfterEach
    void resumeIntake() throws Exception {
        for (int port : REVIEW_WORKERS) {
            Http.post("http://127.0.0.1:" + port + "/admin/intake/resume", "{}", "X-API-Key", LocalStack.secret("ADMIN_API_KEY"));
        }
    }

    @Test
    void aPausedStageHoldsItsRecordsAndAResumedOneFinishesTheJob() throws Exception {
        String admin = LocalStack.secret("ADMIN_API_KEY");
        Map<TopicPartition, Long> before = TopicScan.mark();
        String jobId = Jobs.submitWithFreshToken();
        awaitCount(jobId, "reviews_delivered", 1);

        for (int port : REVIEW_WORKERS) {
            Http.Answer paused = Http.post("http://127.0.0.1:" + port + "/admin/intake/pause", "{}", "X-API-Key", admin);
            assertEquals(200, paused.status(), paused.text());
            assertTrue(paused.body().path("paused").asBoolean());
        }
        assertEquals(401, Http.post("http://127.0.0.1:8084/admin/intake/pause", "{}", "X-API-Key", "wrong").status());
        // Records already in hand finish; after that nothing moves while paused.
        long settled = awaitSteady(jobId, Duration.ofSeconds(3));
        assertEquals("running", status(jobId).path("status").asText());
        assertEquals(settled, status(jobId).path("counts").path("reviews_delivered").asLong());

        for (int port : REVIEW_WORKERS) {
            assertEquals(200, Http.post("http://127.0.0.1:" + port + "/admin/intake/resume", "{}", "X-API-Key", admin).status());
        }
        assertEquals("completed", Jobs.awaitFinalStatus(jobId).path("status").asText());
        assertEquals(Emulator.fetchableReviewIds(), Jobs.reviewsDelivered(before, jobId).keySet());
    }

    @Test
    void pendingRetriesSurviveAKillOfRetryServiceAndArePublishedOncePerAttempt() throws Exception {
        // Every review page fails for now: the retries pile up in retry-service.
        assertEquals(200, Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of(
                "errorRates", Map.of("503", 1.0), "endpoints", List.of("reviews.list"))).status());
        Map<TopicPartition, Long> before = TopicScan.mark();
        String jobId = Jobs.submitWithFreshToken();
        awaitPendingRetries(10);

        for (String instance : List.of("retry-service", "retry-service-1")) {
            long pid = Long.parseLong(Files.readString(LocalStack.ROOT.resolve("deploy/local/run/pids/" + instance + ".pid")).trim());
            // kill -9, then wait for the death: stack.sh up skips an instance whose process or port is still there.
            ProcessHandle.of(pid).ifPresent(process -> {
                process.destroyForcibly();
                process.onExit().join();
            });
        }
        Emulator.heal();
        LocalStack.restart(); // stack.sh up starts what is not running: the two retry-service instances

        assertEquals("completed", Jobs.awaitFinalStatus(jobId).path("status").asText());
        assertEquals(Emulator.fetchableReviewIds(), Jobs.reviewsDelivered(before, jobId).keySet());
        Map<String, Integer> publications = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.FETCH_REVIEWS)) {
            if (TopicScan.ofJob(record, jobId)) { // keyed by location id
                FetchReviews page = EventCodec.decode(record.value(), FetchReviews.class);
                if (page.attempt() > 0) {
                    publications.merge(page.locationId() + ":" + page.pageNumber() + "#" + page.attempt(), 1, Integer::sum);
                }
            }
        }
        assertTrue(!publications.isEmpty(), "the job needed retries");
        publications.forEach((attempt, times) -> assertEquals(1, times, attempt + " re-published " + times + " times"));
    }

    private static JsonNode status(String jobId) throws Exception {
        return Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + jobId).body();
    }

    private static void awaitCount(String jobId, String count, long atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (status(jobId).path("counts").path(count).asLong() < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                fail(count + " of job " + jobId + " never reached " + atLeast);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the delivered count has not moved for {@code quiet}; returns it. */
    private static long awaitSteady(String jobId, Duration quiet) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        long last = -1;
        Instant since = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            long now = status(jobId).path("counts").path("reviews_delivered").asLong();
            if (now != last) {
                last = now;
                since = Instant.now();
            } else if (Duration.between(since, Instant.now()).compareTo(quiet) >= 0) {
                return now;
            }
            Thread.sleep(200);
        }
        return fail("deliveries kept going while the stage was paused");
    }

    private static void awaitPendingRetries(int atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            double pending = 0;
            for (int port : List.of(8085, 8185)) {
                for (String line : Http.get("http://127.0.0.1:" + port + "/q/metrics").text().split("\n")) {
                    if (line.startsWith("retry_pending ") || line.startsWith("retry_pending{")) {
                        pending += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
            }
            if (pending >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        fail("retry-service never held " + atLeast + " pending retries");
    }
}
