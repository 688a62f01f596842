package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 202 of a job on a submitted access token tells when the token expires and what that means for the job:
 * the submitter learns it before the job dies of it, not from its dead letters an hour later.
 */
class SubmissionAcceptedTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aJobOnASubmittedTokenIsWarnedWhenTheTokenExpires() {
        JsonNode accepted = json.valueToTree(SubmissionAccepted.queued("job-1", Instant.parse("2030-01-01T00:42:30Z"), now));

        assertEquals("job-1", accepted.path("job_id").asText());
        assertEquals("2030-01-01T00:42:30Z", accepted.path("credential_expires_at").asText());
        assertEquals(1, accepted.path("warnings").size());
        String warning = accepted.path("warnings").get(0).asText();
        assertTrue(warning.contains("2030-01-01T00:42:30Z") && warning.contains("42 minutes"), warning);
        assertTrue(warning.contains("access token expired") && warning.contains("managed client"), warning);
    }

    @Test
    void aTokenAboutToExpireIsSaidSo() {
        String warning = json.valueToTree(SubmissionAccepted.queued("job-1", Instant.parse("2030-01-01T00:00:40Z"), now))
                .path("warnings").get(0).asText();

        assertTrue(warning.contains("in less than a minute"), warning);
    }

    @Test
    void aJobOfAManagedClientHasNeitherExpiryNorWarning() {
        JsonNode accepted = json.valueToTree(SubmissionAccepted.queued("job-1", null, now));

        assertEquals("queued", accepted.path("status").asText());
        assertEquals("/api/v1/review-fetch/job-1", accepted.path("status_url").asText());
        assertFalse(accepted.has("credential_expires_at"));
        assertFalse(accepted.has("warnings"));
    }
}
