package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scheduled run's job names its schedule and trigger; a submitted job has both null. Plain unit test of {@link JobStatus#from}. */
class JobOriginMappingTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JobSnapshot queued() {
        return new JobSnapshot("queued", Map.of("submitted_at", "1000"), Set.of(), Set.of(), Map.of(), Set.of(), 0, 0, 0, 0,
                JobSnapshot.ReviewChanges.NONE, 0, Map.of(), Set.of());
    }

    @Test
    void aScheduledRunNamesItsScheduleAndTrigger() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", queued(),
                new JobOrigin("0f8fad5b-d9cb-469f-a165-70867728950e", "schedule:incremental")));

        assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", status.path("schedule_id").asText());
        assertEquals("schedule:incremental", status.path("trigger").asText());
    }

    @Test
    void aSubmittedJobShowsBothAsNull() {
        JsonNode status = json.valueToTree(JobStatus.from("job-1", queued()));

        assertTrue(status.has("schedule_id") && status.path("schedule_id").isNull());
        assertTrue(status.has("trigger") && status.path("trigger").isNull());
    }
}
