package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose submitted token expired mid-way dead-letters each unfinished page with the same reason: the
 * status answers that reason once, with how many tasks it stopped, above the per-task list. Plain unit test:
 * {@link JobStatus#from} over a snapshot, no Redis.
 */
class JobStatusReasonsTest {

    private static final String EXPIRED = "access token expired: resubmit with a fresh token or use a managed client";
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void everyDistinctReasonIsAnsweredOnceWithHowManyTasksItStopped() {
        Map<String, String> dead = new HashMap<>();
        for (int page = 2; page <= 41; page++) {
            dead.put("reviews:loc1:" + page, EXPIRED);
        }
        dead.put("reviews:loc2:1", "404 NOT_FOUND");
        dead.put("reviews:loc3:1", "404 NOT_FOUND");
        dead.put("reviews:loc4:1", EXPIRED);
        dead.put("reviews:loc5:3", "");
        Set<String> spawned = new HashSet<>(dead.keySet());
        spawned.add("accounts");

        JsonNode status = json.valueToTree(JobStatus.from("job-1", new JobSnapshot("completed_with_errors",
                Map.of("submitted_at", "1000", "started_at", "2000", "updated_at", "3000"), spawned, Set.of("accounts"),
                dead, Set.of(), 1, 5, 0, 0, JobSnapshot.ReviewChanges.NONE, 0, Map.of(), Set.of())));

        JsonNode reasons = status.path("dead_letter_reasons");
        assertTrue(reasons.isArray(), status.toString());
        assertEquals(3, reasons.size(), reasons.toString());
        assertEquals(EXPIRED, reasons.get(0).path("reason").asText());
        assertEquals(41, reasons.get(0).path("tasks").asInt());
        assertEquals("404 NOT_FOUND", reasons.get(1).path("reason").asText());
        assertEquals(2, reasons.get(1).path("tasks").asInt());
        assertTrue(reasons.get(2).path("reason").isNull(), "a dead letter without reason is counted, as unknown");
        assertEquals(44, status.path("counts").path("dead_lettered").asInt());
    }

    @Test
    void aReplayedTaskThatIsDoneNoLongerCountsForItsReason() {
        Map<String, String> dead = Map.of("reviews:loc1:2", EXPIRED, "reviews:loc1:3", EXPIRED);
        JsonNode status = json.valueToTree(JobStatus.from("job-1", new JobSnapshot("completed_with_errors",
                Map.of("submitted_at", "1000"), Set.of("accounts", "reviews:loc1:2", "reviews:loc1:3"),
                Set.of("accounts", "reviews:loc1:2"), dead, Set.of(), 1, 1, 0, 0, JobSnapshot.ReviewChanges.NONE, 0, Map.of(), Set.of())));

        assertEquals(1, status.path("dead_letter_reasons").get(0).path("tasks").asInt());
    }

    @Test
    void aJobWithoutDeadLettersHasNoReasons() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", new JobSnapshot("completed", Map.of("submitted_at", "1000"),
                Set.of("accounts"), Set.of("accounts"), Map.of(), Set.of(), 1, 0, 0, 0, JobSnapshot.ReviewChanges.NONE, 0,
                Map.of(), Set.of())));

        assertTrue(status.path("dead_letter_reasons").isArray());
        assertEquals(0, status.path("dead_letter_reasons").size());
    }
}
