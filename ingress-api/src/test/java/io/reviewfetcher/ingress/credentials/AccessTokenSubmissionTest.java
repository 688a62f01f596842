package io.reviewfetcher.ingress.credentials;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.LogCapture;
import io.reviewfetcher.ingress.support.StubTokenService;
import io.reviewfetcher.ingress.support.StubbedTokenServiceProfile;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A submitted access token goes to token-service and nowhere else: the event carries the reference
 * token-service gave, and neither the Kafka records, the log, the metrics nor any problem body holds the token.
 * How token-service's answers map: Google refusing the token is the submitter's 401; token-service refusing
 * ingress-api's own key, failing or answering nonsense is a 503 and the job is not accepted.
 */
@QuarkusTest
@TestProfile(StubbedTokenServiceProfile.class)
class AccessTokenSubmissionTest {

    private final StubTokenService tokenService = StubTokenService.get();

    @AfterEach
    void reset() {
        tokenService.reset();
    }

    private static String newToken() {
        return "ya29.a0AfB_" + TestEnvironment.randomHex(40);
    }

    @Test
    void theTokenReachesOnlyTokenServiceAndTheEventCarriesTheReference() {
        String headerToken = newToken();
        String bodyToken = newToken();
        Instant before = Instant.now().minusSeconds(1);
        List<String> answers = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            tokenService.answerCredential("cred:HeaderRef_0123456789");
            Response byHeader = given().contentType("application/json").header("Authorization", "Bearer " + headerToken)
                    .body("{\"location_ids\":[\"77\"]}").post("/api/v1/review-fetch");
            byHeader.then().statusCode(202);
            answers.add(byHeader.asString());

            tokenService.answerCredential("cred:BodyRef_01234567890");
            Response byBody = given().contentType("application/json").body("{\"access_token\":\"" + bodyToken + "\"}").post("/api/v1/review-fetch");
            byBody.then().statusCode(202)
                    // token-service's expires_at, and what it means for the job.
                    .body("credential_expires_at", org.hamcrest.Matchers.is("2030-01-01T00:00:00Z"))
                    .body("warnings[0]", org.hamcrest.Matchers.containsString("access token expired"));
            answers.add(byBody.asString());

            // Bad inputs that carry the token: the problems name fields, never values.
            for (String body : List.of(
                    "{\"access_token\":\"" + bodyToken + "\",\"mode\":\"" + bodyToken + "\"}",
                    "{\"access_token\":\"" + bodyToken + "\",\"" + bodyToken + "\":1}",
                    "{\"access_token\":\"" + bodyToken + "\",\"account_ids\":[\"" + bodyToken + "\"]}",
                    "{\"access_token\":\"" + bodyToken + "\",\"client_id\":\"" + bodyToken + "\"}",
                    "{\"access_token\":\"" + bodyToken + "\"",
                    "{\"access_token\":[\"" + bodyToken + "\"]}",
                    "{\"access_token\":\"" + bodyToken + " " + bodyToken + "\"}")) {
                Response bad = given().contentType("application/json").body(body).post("/api/v1/review-fetch");
                assertTrue(bad.statusCode() >= 400 && bad.statusCode() < 500, "4xx for " + bad.statusCode());
                answers.add(bad.asString());
            }
            Response bulk = given().contentType("application/json")
                    .body("{\"submissions\":[{\"access_token\":\"" + bodyToken + "\",\"mode\":\"" + bodyToken + "\"}]}")
                    .post("/api/v1/review-fetch/bulk");
            bulk.then().statusCode(200).body("results[0].status", is(422));
            answers.add(bulk.asString());

            tokenService.answer(401, "{\"type\":\"https://review-fetcher.io/problems/invalid-access-token\",\"status\":401}");
            Response refused = given().contentType("application/json").header("Authorization", "Bearer " + headerToken).body("{}")
                    .post("/api/v1/review-fetch");
            refused.then().statusCode(401);
            answers.add(refused.asString());

            String headerJob = byHeader.path("job_id");
            String bodyJob = byBody.path("job_id");
            FetchAccounts fromHeader = onlyJob(headerJob, before);
            assertEquals("cred:HeaderRef_0123456789", fromHeader.credential());
            assertEquals(List.of("77"), fromHeader.locationIds());
            assertEquals("cred:BodyRef_01234567890", onlyJob(bodyJob, before).credential());

            // Everything on both topics for these jobs (a running local stack's workers may have added their own).
            List<byte[]> records = new ArrayList<>();
            for (String job : List.of(headerJob, bodyJob)) {
                KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, job, before, 1, Duration.ofSeconds(20)).forEach(r -> records.add(r.value()));
                KafkaTopics.recordsByKey(Topics.JOB_EVENTS, job, before, 1, Duration.ofSeconds(20)).forEach(r -> records.add(r.value()));
            }
            assertTrue(records.size() >= 4, "both jobs and their submitted events");
            String metrics = given().get("/q/metrics").asString();
            for (String token : List.of(headerToken, bodyToken)) {
                for (byte[] record : records) {
                    assertFalse(new String(record, StandardCharsets.UTF_8).contains(token), "a Kafka record holds the token");
                }
                for (String answer : answers) {
                    assertFalse(answer.contains(token), "an answer holds the token: " + answer);
                }
                assertFalse(log.text().contains(token), "the log holds the token");
                assertFalse(metrics.contains(token), "the metrics hold the token");
            }
        }
        // It did reach token-service, with ingress-api's service key.
        assertTrue(tokenService.bodies().get(0).contains("\"access_token\":\"" + headerToken + "\""), tokenService.bodies().get(0));
        assertTrue(tokenService.bodies().get(1).contains("\"access_token\":\"" + bodyToken + "\""));
        assertEquals(StubbedTokenServiceProfile.SERVICE_KEY, tokenService.apiKeys().get(0));
    }

    private static FetchAccounts onlyJob(String jobId, Instant since) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, since, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size());
        return EventCodec.decode(records.get(0).value(), FetchAccounts.class);
    }

    @Test
    void tokenServiceTroubleIsA503WithRetryAfterAndNoJob() {
        for (String[] answer : List.of(
                new String[]{"401", "{\"type\":\"https://review-fetcher.io/problems/unauthorized\",\"status\":401}"},
                new String[]{"500", "{\"type\":\"https://review-fetcher.io/problems/internal\",\"status\":500}"},
                new String[]{"503", "{\"type\":\"https://review-fetcher.io/problems/unavailable\",\"status\":503}"},
                new String[]{"201", "{\"credential\":\"ya29.not-a-reference\"}"},
                new String[]{"201", "not json"})) {
            tokenService.answer(Integer.parseInt(answer[0]), answer[1]);
            given().contentType("application/json").header("Authorization", "Bearer " + newToken()).body("{}").post("/api/v1/review-fetch")
                    .then().statusCode(503).contentType(startsWith("application/problem+json")).header("Retry-After", "2")
                    .body("status", is(503));
        }
    }

    @Test
    void googleRefusingTheTokenIsTheSubmittersUnauthorized() {
        tokenService.answer(401, "{\"type\":\"https://review-fetcher.io/problems/insufficient-scope\",\"status\":401}");
        given().contentType("application/json").header("Authorization", "Bearer " + newToken()).body("{}").post("/api/v1/review-fetch")
                .then().statusCode(401).body("type", containsString("invalid-access-token"));
        tokenService.answer(400, "{\"type\":\"https://review-fetcher.io/problems/invalid-request\",\"status\":400}");
        given().contentType("application/json").body("{\"access_token\":\"" + newToken() + "\"}").post("/api/v1/review-fetch")
                .then().statusCode(401);
    }
}
