package io.reviewfetcher.ingress.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A client_id submission: 202 only once the job is on fetch-accounts, keyed by its id, carrying the reference. */
@QuarkusTest
class SubmissionTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void aClientJobIsOnFetchAccountsKeyedByItsIdWithTheClientReference() {
        Instant before = Instant.now().minusSeconds(1);
        Response response = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY)
                .body("{\"client_id\":\"acme-reviews\",\"account_ids\":[\"111\",\"222\"],\"location_ids\":[\"9\"],\"mode\":\"incremental\"}")
                .post("/api/v1/review-fetch");
        response.then().statusCode(202).contentType(ContentType.JSON)
                .body("job_id", matchesPattern(UUID))
                .body("status", is("queued"))
                .header("Location", endsWith("/api/v1/review-fetch/" + response.path("job_id")));
        String jobId = response.path("job_id");
        response.then().body("status_url", equalTo("/api/v1/review-fetch/" + jobId))
                // A managed client's tokens are refreshed: no expiry to warn of.
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("credential_expires_at")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("warnings")));

        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, before, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size(), "one fetch_accounts record keyed by the job id");
        FetchAccounts job = EventCodec.decode(records.get(0).value(), FetchAccounts.class);
        assertEquals(jobId, job.jobId());
        assertEquals("client:acme-reviews", job.credential());
        assertEquals(List.of("111", "222"), job.accountIds());
        assertEquals(List.of("9"), job.locationIds());
        assertEquals(FetchMode.INCREMENTAL, job.mode());
        assertEquals(0, job.attempt());

        // Workers of a running local stack may already report on this job: only the submission's event is ours.
        List<JobEvent> submissions = KafkaTopics.recordsByKey(Topics.JOB_EVENTS, jobId, before, 1, Duration.ofSeconds(20)).stream()
                .map(record -> EventCodec.decode(record.value(), JobEvent.class))
                .filter(event -> event.taskId().equals(TaskIds.SUBMISSION)).toList();
        assertEquals(1, submissions.size(), "one submitted event on job-events");
        JobEvent submitted = submissions.get(0);
        assertEquals(TaskIds.SUBMISSION, submitted.taskId());
        assertEquals(JobEvent.Outcome.SUBMITTED, submitted.outcome());
        assertEquals(List.of(TaskIds.ACCOUNTS), submitted.spawnedTaskIds());

        // Readable at once: the submitting pod writes the submitted state itself. (A running local stack's
        // account-worker may already have taken the job further, hence any status.)
        given().get("/api/v1/review-fetch/" + jobId).then().statusCode(200)
                .body("job_id", is(jobId)).body("status", org.hamcrest.Matchers.oneOf("queued", "running", "completed", "completed_with_errors", "failed"))
                .body("submitted_at", matchesPattern("\\d{4}-.*Z"));
    }

    @Test
    void modeDefaultsToFullAndNarrowingIsOptional() {
        Instant before = Instant.now().minusSeconds(1);
        String jobId = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.OTHER_API_KEY)
                .body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(202).extract().path("job_id");
        FetchAccounts job = EventCodec.decode(KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, before, 1, Duration.ofSeconds(20))
                .get(0).value(), FetchAccounts.class);
        assertEquals(FetchMode.FULL, job.mode());
        assertNull(job.accountIds());
        assertNull(job.locationIds());
    }

    @Test
    void aClientJobNeedsAValidApiKey() {
        given().contentType(ContentType.JSON).body("{\"client_id\":\"acme\"}").post("/api/v1/review-fetch")
                .then().statusCode(401).contentType("application/problem+json").body("status", is(401))
                .header("WWW-Authenticate", matchesPattern("Bearer.*"));
        given().contentType(ContentType.JSON).header("X-API-Key", "not-" + TestEnvironment.API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(401).contentType("application/problem+json");
    }
}
