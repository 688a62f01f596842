package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scheduled run's job names its client, schedule and trigger; a client_id job its client, with schedule and trigger null; a
 * job on an access token none of them. Plain unit test of {@link JobStatus#from}.
 */
class JobOriginMappingTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JobSnapshot queued() {
        return new JobSnapshot("queued", Map.of("submitted_at", "1000"), Set.of(), Set.of(), Map.of(), Set.of(), 0, 0, 0, 0,
                JobSnapshot.ReviewChanges.NONE, 0, Map.of(), Set.of());
    }

    @Test
    void aScheduledRunNamesItsScheduleAndTrigger() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", queued(),
                JobOrigin.scheduled("acme", "0f8fad5b-d9cb-469f-a165-70867728950e", "schedule:incremental")));

        assertEquals("acme", status.path("client_id").asText());
        assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", status.path("schedule_id").asText());
        assertEquals("schedule:incremental", status.path("trigger").asText());
    }

    @Test
    void aClientJobNamesItsClientAndShowsNoSchedule() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", queued(), JobOrigin.ofClient("acme")));

        assertEquals("acme", status.path("client_id").asText());
        assertTrue(status.has("schedule_id") && status.path("schedule_id").isNull());
        assertTrue(status.has("trigger") && status.path("trigger").isNull());
    }

    @Test
    void aJobOnAnAccessTokenShowsAllThreeAsNull() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", queued()));

        assertTrue(status.has("client_id") && status.path("client_id").isNull());
        assertTrue(status.has("schedule_id") && status.path("schedule_id").isNull());
        assertTrue(status.has("trigger") && status.path("trigger").isNull());
    }
}
