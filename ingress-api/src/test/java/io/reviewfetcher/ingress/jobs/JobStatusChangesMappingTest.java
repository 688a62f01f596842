package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.ingress.jobs.JobSnapshot.ReviewChanges;
import io.reviewfetcher.ingress.jobs.JobSnapshot.Shortfall;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The review changes of job_event v2 in the status answer: what each review was to the job (new, updated,
 * unchanged, deleted), the locations done by incremental batch tasks, the locations left incomplete, and the
 * requested locations no listing page listed. Plain unit test: {@link JobStatus#from} over a snapshot, no Redis (the
 * fold itself: ReviewChangesFoldTest).
 */
class JobStatusChangesMappingTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    private static JobSnapshot snapshot(Set<String> spawned, Set<String> done, ReviewChanges changes, long batchLocationsDone,
                                        Map<String, Shortfall> incomplete) {
        return new JobSnapshot("running", Map.of("submitted_at", "1000", "started_at", "2000", "updated_at", "3000"),
                spawned, done, Map.of(), Set.of(), 1, 3, 120, 0, changes, batchLocationsDone, incomplete, Set.of());
    }

    /** A job whose root is done, at {@code status}, narrowed to locations of which {@code notListed} no page listed. */
    private static JobSnapshot narrowed(String status, Set<String> notListed) {
        return new JobSnapshot(status, Map.of("submitted_at", "1000", "started_at", "2000", "updated_at", "3000"),
                Set.of("accounts"), Set.of("accounts"), Map.of(), Set.of(), 1, 3, 120, 0, ReviewChanges.NONE, 0, Map.of(), notListed);
    }

    private JsonNode answer(JobSnapshot snapshot) {
        return json.valueToTree(JobStatus.from("job-1", snapshot));
    }

    @Test
    void theCountsOfEachKindOfChangeAreTheSnapshotsSums() {
        JsonNode counts = answer(snapshot(Set.of("accounts"), Set.of("accounts"), new ReviewChanges(70, 30, 20, 4), 0, Map.of()))
                .path("counts");

        assertEquals(70, counts.path("reviews_new").asLong(), counts.toString());
        assertEquals(30, counts.path("reviews_updated").asLong());
        assertEquals(20, counts.path("reviews_unchanged").asLong());
        assertEquals(4, counts.path("reviews_deleted").asLong());
        assertEquals(120, counts.path("reviews_delivered").asLong());
    }

    @Test
    void locationsFinishedByBatchTasksAddToThoseCountedFromTheirReviewPages() {
        // L1's walk is finished, L2's second page is not; a batch task of an incremental run finished 5 more.
        Set<String> spawned = Set.of("accounts", "reviews:L1:1", "reviews:L1:2", "reviews:L2:1", "reviews:L2:2",
                "reviews-batch:A:1");
        Set<String> done = Set.of("accounts", "reviews:L1:1", "reviews:L1:2", "reviews:L2:1", "reviews-batch:A:1");

        JsonNode counts = answer(snapshot(spawned, done, ReviewChanges.NONE, 5, Map.of())).path("counts");

        assertEquals(6, counts.path("locations_done").asLong(), counts.toString());
    }

    @Test
    void incompleteLocationsAreListedByIdWithWhatWasExpectedAndDelivered() {
        Map<String, Shortfall> incomplete = Map.of("L9", new Shortfall(120, 97), "L10", new Shortfall(3, 0));

        JsonNode status = answer(snapshot(Set.of("accounts"), Set.of("accounts"), ReviewChanges.NONE, 0, incomplete));

        assertEquals(2, status.path("counts").path("locations_incomplete").asLong(), status.toString());
        JsonNode listed = status.path("incomplete_locations");
        assertEquals(2, listed.size(), listed.toString());
        assertEquals("L10", listed.get(0).path("location_id").asText());
        assertEquals(3, listed.get(0).path("expected").asInt());
        assertEquals(0, listed.get(0).path("delivered").asInt());
        assertEquals("L9", listed.get(1).path("location_id").asText());
        assertEquals(120, listed.get(1).path("expected").asInt());
        assertEquals(97, listed.get(1).path("delivered").asInt());
    }

    @Test
    void theListIsBoundedButTheCountIsNot() {
        Map<String, Shortfall> incomplete = new HashMap<>();
        for (int i = 0; i < JobStatus.MAX_INCOMPLETE_LISTED + 25; i++) {
            incomplete.put(String.format("L%04d", i), new Shortfall(10, 9));
        }

        JsonNode status = answer(snapshot(Set.of("accounts"), Set.of("accounts"), ReviewChanges.NONE, 0, incomplete));

        assertEquals(JobStatus.MAX_INCOMPLETE_LISTED + 25, status.path("counts").path("locations_incomplete").asLong());
        assertEquals(JobStatus.MAX_INCOMPLETE_LISTED, status.path("incomplete_locations").size());
        assertEquals("L0000", status.path("incomplete_locations").get(0).path("location_id").asText());
    }

    @Test
    void aJobWithoutReviewChangesAnswersZerosAndAnEmptyList() {
        JsonNode status = answer(snapshot(Set.of("accounts"), Set.of("accounts"), ReviewChanges.NONE, 0, Map.of()));

        assertTrue(status.path("incomplete_locations").isArray(), status.toString());
        assertEquals(0, status.path("incomplete_locations").size());
        assertEquals(0, status.path("counts").path("locations_incomplete").asLong());
        assertEquals(0, status.path("counts").path("reviews_new").asLong());
        assertTrue(status.path("counts").has("reviews_deleted"));
        assertTrue(status.path("locations_not_listed").isArray());
        assertEquals(0, status.path("locations_not_listed").size());
        assertEquals(0, status.path("counts").path("locations_not_listed").asLong());
    }

    @Test
    void aFinalJobListsTheRequestedLocationsNoPageListedById() {
        JsonNode status = answer(narrowed("completed_with_errors", Set.of("L9", "L10")));

        assertEquals(List.of("L10", "L9"), ids(status.path("locations_not_listed")), status.toString());
        assertEquals(2, status.path("counts").path("locations_not_listed").asLong());
    }

    @Test
    void aRunningJobDoesNotReportThemYetAsALaterPageMayStillListThem() {
        for (String unfinished : List.of("queued", "running")) {
            JsonNode status = answer(narrowed(unfinished, Set.of("L9")));

            assertEquals(List.of(), ids(status.path("locations_not_listed")), status.toString());
            assertEquals(0, status.path("counts").path("locations_not_listed").asLong());
        }
    }

    @Test
    void theLocationsNotListedAreBoundedButTheirCountIsNot() {
        Set<String> notListed = new HashSet<>();
        for (int i = 0; i < JobStatus.MAX_LOCATIONS_NOT_LISTED + 25; i++) {
            notListed.add(String.format("L%04d", i));
        }

        JsonNode status = answer(narrowed("failed", notListed));

        assertEquals(JobStatus.MAX_LOCATIONS_NOT_LISTED + 25, status.path("counts").path("locations_not_listed").asLong());
        assertEquals(JobStatus.MAX_LOCATIONS_NOT_LISTED, status.path("locations_not_listed").size());
        assertEquals("L0000", status.path("locations_not_listed").get(0).asText());
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    @Test
    void aShortfallIsReadAsApplyEventStoresIt() {
        // apply-event.lua keeps <created_at ms>:<expected>:<delivered>, so the latest report of a location wins.
        assertEquals(new Shortfall(120, 97), Shortfall.parse("1764566400000:120:97"));
        assertThrows(IllegalArgumentException.class, () -> Shortfall.parse("120:97"));
    }
}
