package io.reviewfetcher.ingress.admission;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * A caller key valid for some clients only (TestEnvironment's ACME_API_KEY: acme and acme-reviews), over HTTP against the
 * real Kafka, Redis and PostgreSQL: its jobs and schedules for another client are refused 403 naming the client (never
 * the key), a list shows it only its clients' schedules, and the read API takes it as any caller key. Schedules made here
 * are created paused and deleted afterwards. Written with the change, NOT run yet (it needs the local PostgreSQL, Kafka
 * and Redis).
 */
@QuarkusTest
class KeyScopeApiTest {

    private static final String FORBIDDEN = "https://review-fetcher.io/problems/client-not-allowed";

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(id -> given().header("X-API-Key", TestEnvironment.API_KEY).delete("/api/v1/schedules/" + id));
    }

    private String createPaused(String key, String clientId) {
        Response response = given().contentType(ContentType.JSON).header("X-API-Key", key)
                .body("{\"client_id\":\"" + clientId + "\",\"full_every\":\"P1D\",\"paused\":true}").post("/api/v1/schedules");
        response.then().statusCode(201);
        created.add(response.path("id"));
        return response.path("id");
    }

    private static void assertForbidden(Response response, String clientId) {
        response.then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("status", is(403)).body("type", is(FORBIDDEN)).body("title", is("Client not allowed"))
                .body("detail", is("this X-API-Key is not allowed for client_id " + clientId));
    }

    @Test
    void aJobForAClientTheKeyIsNotValidForIs403AndForItsOwnClient202() {
        Response refused = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY)
                .body("{\"client_id\":\"globex\"}").post("/api/v1/review-fetch");
        assertForbidden(refused, "globex");
        refused.then().body("detail", not(containsString(TestEnvironment.ACME_API_KEY)));

        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(202);
        // An unknown key is still 401, not 403.
        given().contentType(ContentType.JSON).header("X-API-Key", "not-" + TestEnvironment.ACME_API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(401);
    }

    @Test
    void eachBulkItemIsCheckedForItsOwnClient() {
        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY)
                .body("{\"submissions\":[{\"client_id\":\"acme\"},{\"client_id\":\"globex\"},{\"client_id\":\"acme-reviews\"}]}")
                .post("/api/v1/review-fetch/bulk")
                .then().statusCode(200).body("accepted", is(2)).body("rejected", is(1))
                .body("results.status", is(List.of(202, 403, 202)))
                .body("results[1].problem.type", is(FORBIDDEN))
                .body("results[1].problem.detail", is("this X-API-Key is not allowed for client_id globex"));
    }

    @Test
    void aScheduleOfAnotherClientIsNeitherCreatedReadChangedDeletedNorListed() {
        assertForbidden(given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY)
                .body("{\"client_id\":\"globex\",\"full_every\":\"P1D\",\"paused\":true}").post("/api/v1/schedules"), "globex");
        String globex = createPaused(TestEnvironment.API_KEY, "globex");
        String acme = createPaused(TestEnvironment.ACME_API_KEY, "acme");

        assertForbidden(given().header("X-API-Key", TestEnvironment.ACME_API_KEY).get("/api/v1/schedules/" + globex), "globex");
        assertForbidden(given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.ACME_API_KEY).body("{\"paused\":false}")
                .patch("/api/v1/schedules/" + globex), "globex");
        assertForbidden(given().header("X-API-Key", TestEnvironment.ACME_API_KEY).delete("/api/v1/schedules/" + globex), "globex");
        assertForbidden(given().header("X-API-Key", TestEnvironment.ACME_API_KEY).queryParam("schedule_id", globex)
                .get("/api/v1/review-fetch"), "globex");
        given().header("X-API-Key", TestEnvironment.API_KEY).get("/api/v1/schedules/" + globex).then().statusCode(200)
                .body("paused", is(true)).body("client_id", is("globex"));

        // Newest first: both are on the first page of a key valid for every client; the scoped key sees its own only.
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("limit", 100).get("/api/v1/schedules").then().statusCode(200)
                .body("schedules.id", hasItem(globex)).body("schedules.id", hasItem(acme));
        given().header("X-API-Key", TestEnvironment.ACME_API_KEY).queryParam("limit", 100).get("/api/v1/schedules").then().statusCode(200)
                .body("schedules.id", hasItem(acme)).body("schedules.id", not(hasItem(globex)))
                .body("schedules.client_id", everyItem(oneOf("acme", "acme-reviews")));

        given().header("X-API-Key", TestEnvironment.ACME_API_KEY).get("/api/v1/schedules/" + acme).then().statusCode(200);
        given().header("X-API-Key", TestEnvironment.ACME_API_KEY).delete("/api/v1/schedules/" + acme).then().statusCode(204);
    }

    @Test
    void theReadApiTakesAScopedKeyForAnyLocation() {
        given().header("X-API-Key", TestEnvironment.ACME_API_KEY).queryParam("location_id", "no-such-location-" + TestEnvironment.randomHex(4))
                .get("/api/v1/reviews").then().statusCode(200).body("reviews.size()", is(0));
    }
}
