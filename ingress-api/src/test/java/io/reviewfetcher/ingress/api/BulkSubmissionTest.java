package io.reviewfetcher.ingress.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /bulk: one result per item, in order, each what a single submission would have answered. */
@QuarkusTest
class BulkSubmissionTest {

    @Test
    void eachItemIsAnsweredOnItsOwn() {
        Instant before = Instant.now().minusSeconds(1);
        Response response = given().contentType("application/json").header("X-API-Key", TestEnvironment.API_KEY)
                .body("{\"submissions\":["
                        + "{\"client_id\":\"acme\",\"account_ids\":[\"1\"]},"
                        + "{\"client_id\":\"acme\",\"mode\":\"sometimes\"},"
                        + "{},"
                        + "{\"client_id\":42},"
                        + "[],"
                        + "{\"client_id\":\"other\",\"mode\":\"incremental\"}"
                        + "]}")
                .post("/api/v1/review-fetch/bulk");
        response.then().statusCode(200)
                .body("accepted", is(2)).body("rejected", is(4))
                .body("results.index", is(List.of(0, 1, 2, 3, 4, 5)))
                .body("results.status", is(List.of(202, 422, 401, 400, 400, 202)))
                .body("results[0].status_url", startsWith("/api/v1/review-fetch/"))
                .body("results[0].problem", nullValue())
                .body("results[1].problem.errors.field", hasItem("submissions[1].mode"))
                .body("results[3].problem.errors.field", hasItem("submissions[3].client_id"))
                .body("results[4].problem.status", is(400));
        String first = response.path("results[0].job_id");
        FetchAccounts job = EventCodec.decode(KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, first, before, 1, Duration.ofSeconds(20))
                .get(0).value(), FetchAccounts.class);
        assertEquals("client:acme", job.credential());
        assertEquals(List.of("1"), job.accountIds());
        given().get("/api/v1/review-fetch/" + response.path("results[5].job_id")).then().statusCode(200)
                .body("submitted_at", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void clientItemsNeedTheApiKey() {
        given().contentType("application/json").body("{\"submissions\":[{\"client_id\":\"acme\"}]}").post("/api/v1/review-fetch/bulk")
                .then().statusCode(200).body("accepted", is(0)).body("results[0].status", is(401))
                .body("results[0].problem.type", startsWith("https://review-fetcher.io/problems/"));
    }

    @Test
    void aThousandSubmissionsInOneCall() {
        String body = "{\"submissions\":[" + String.join(",", Collections.nCopies(1000, "{\"client_id\":\"bulk-client\"}")) + "]}";
        Response response = given().contentType("application/json").header("X-API-Key", TestEnvironment.API_KEY).body(body)
                .post("/api/v1/review-fetch/bulk");
        response.then().statusCode(200).body("accepted", is(1000)).body("rejected", is(0));
        List<String> jobIds = response.path("results.job_id");
        assertEquals(1000, new HashSet<>(jobIds).size(), "a distinct job per item");
        List<Integer> indexes = response.path("results.index");
        for (int i = 0; i < indexes.size(); i++) {
            assertEquals(i, indexes.get(i));
        }
    }
}
