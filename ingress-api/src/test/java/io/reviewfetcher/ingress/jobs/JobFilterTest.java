package io.reviewfetcher.ingress.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job list's filter from its query parameters: each status, a client id as elsewhere, empty as absent; a bad one names its parameter only. */
class JobFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"queued", "running", "completed", "completed_with_errors", "failed"})
    void eachStatusIsAFilter(String status) {
        assertEquals(new JobFilter(status, null), JobFilter.parse(status, null));
    }

    @Test
    void emptyOrAbsentParametersFilterNothing() {
        assertEquals(JobFilter.ALL, JobFilter.parse(null, null));
        assertEquals(JobFilter.ALL, JobFilter.parse("", ""));
        assertNull(JobFilter.parse("", "acme-reviews").status());
        assertEquals("acme-reviews", JobFilter.parse(null, "acme-reviews").clientId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"done", "QUEUED", "completed ", "failed,running", "dead_lettered"})
    void anythingElseIsNoStatus(String status) {
        InvalidJobQuery refused = assertThrows(InvalidJobQuery.class, () -> JobFilter.parse(status, null));
        assertEquals("status", refused.field());
        assertEquals("must be one of queued, running, completed, completed_with_errors, failed", refused.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme reviews", "client:acme", "a/b", "ya29.secret-token"})
    void aClientIdIsCheckedAsASubmissionsIsAndNotRepeated(String clientId) {
        InvalidJobQuery refused = assertThrows(InvalidJobQuery.class, () -> JobFilter.parse(null, clientId));
        assertEquals("client_id", refused.field());
        assertFalse(refused.getMessage().contains(clientId));
        assertThrows(InvalidJobQuery.class, () -> JobFilter.parse(null, "x".repeat(129)));
    }

    @Test
    void theStatusIsMatchedAsTheJobStatusSaysIt() {
        JobStatus completed = JobStatus.from("job-1", new JobSnapshot("completed", Map.of("submitted_at", "1000"),
                Set.of(), Set.of(), Map.of(), Set.of(), 0, 0, 0, 0,
                JobSnapshot.ReviewChanges.NONE, 0, Map.of(), Set.of()));

        assertTrue(JobFilter.ALL.hasStatus(completed));
        assertTrue(new JobFilter("completed", null).hasStatus(completed));
        assertFalse(new JobFilter("completed_with_errors", null).hasStatus(completed));
    }
}
