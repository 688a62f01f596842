package io.reviewfetcher.ingress.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule API over HTTP against the real PostgreSQL (schema scheduling migrated by its own Flyway): created,
 * read, listed newest first page by page, patched, paused, deleted; refusals as problem+json. Every schedule made here
 * is created paused (no run starts from it) and deleted afterwards.
 */
@QuarkusTest
class ScheduleApiTest {

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void deleteWhatWasCreated() {
        created.forEach(id -> given().header("X-API-Key", TestEnvironment.API_KEY).delete("/api/v1/schedules/" + id));
    }

    private Response create(String body) {
        Response response = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY).body(body)
                .post("/api/v1/schedules");
        if (response.statusCode() == 201) {
            created.add(response.path("id"));
        }
        return response;
    }

    @Test
    void aScheduleIsCreatedReadPatchedAndDeleted() {
        Instant before = Instant.now().minusSeconds(5);
        Response response = create("{\"client_id\":\"acme-reviews\",\"location_ids\":[\"9\"],\"incremental_every\":\"PT15M\","
                + "\"full_every\":\"P1D\",\"paused\":true}");
        response.then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", endsWith("/api/v1/schedules/" + response.path("id")))
                .body("client_id", is("acme-reviews"))
                .body("account_ids", nullValue())
                .body("location_ids", equalTo(List.of("9")))
                .body("incremental_every", is("PT15M"))
                .body("full_every", is("P1D"))
                .body("paused", is(true))
                .body("runs_started", is(0))
                .body("runs_skipped", is(0))
                .body("last_job_id", nullValue());
        String id = response.path("id");
        Instant nextFull = Instant.parse(response.path("next_full_at"));
        assertTrue(nextFull.isAfter(before), "each kind is first due at creation");
        assertEquals(nextFull, Instant.parse(response.path("next_incremental_at")));

        given().header("X-API-Key", TestEnvironment.API_KEY).get("/api/v1/schedules/" + id).then().statusCode(200)
                .body("id", is(id)).body("full_every", is("P1D"));

        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY)
                .body("{\"incremental_every\":\"PT30M\",\"full_every\":null,\"location_ids\":null}")
                .patch("/api/v1/schedules/" + id).then().statusCode(200)
                .body("incremental_every", is("PT30M"))
                .body("full_every", nullValue())
                .body("next_full_at", nullValue())
                .body("location_ids", nullValue())
                .body("paused", is(true));

        given().header("X-API-Key", TestEnvironment.API_KEY).delete("/api/v1/schedules/" + id).then().statusCode(204);
        given().header("X-API-Key", TestEnvironment.API_KEY).get("/api/v1/schedules/" + id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theListIsNewestFirstPageByPage() {
        String first = create("{\"client_id\":\"acme-list\",\"full_every\":\"P1D\",\"paused\":true}").path("id");
        String second = create("{\"client_id\":\"acme-list\",\"full_every\":\"P1D\",\"paused\":true}").path("id");

        Response page = given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("limit", 1).get("/api/v1/schedules");
        page.then().statusCode(200).body("schedules.size()", is(1)).body("next_cursor", notNullValue());
        assertEquals(second, page.path("schedules[0].id"), "newest first");
        Response next = given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("limit", 1)
                .queryParam("cursor", (String) page.path("next_cursor")).get("/api/v1/schedules");
        assertEquals(first, next.path("schedules[0].id"));

        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("cursor", "forged").get("/api/v1/schedules")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
    }

    @Test
    void refusalsAreProblemsThatNameTheFieldAndNotTheValue() {
        given().contentType(ContentType.JSON).body("{\"client_id\":\"acme\",\"full_every\":\"P1D\"}").post("/api/v1/schedules")
                .then().statusCode(401).contentType("application/problem+json");
        create("{\"client_id\":\"acme\",\"incremental_every\":\"PT1M\"}").then().statusCode(422)
                .body("errors[0].field", is("incremental_every")).body("detail", not(containsString("PT1M")));
        create("{\"client_id\":\"acme\",\"incremental_every\":\"every ya29secret\"}").then().statusCode(422)
                .body("detail", not(containsString("ya29secret")));
        create("{\"client_id\":\"acme\",\"full_every\":\"P1D\",\"mode\":\"full\"}").then().statusCode(400)
                .body("errors[0].field", is("mode"));
        create("{\"client_id\":\"acme\"}").then().statusCode(422);
        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY).body("{\"paused\":true}")
                .patch("/api/v1/schedules/not-a-uuid").then().statusCode(400).body("errors[0].field", is("id"));
        given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY).body("{\"paused\":true}")
                .patch("/api/v1/schedules/0f8fad5b-d9cb-469f-a165-70867728950e").then().statusCode(404);
    }

    /**
     * A client token-service does not have is refused, and nothing is stored. Asked of the real token-service
     * (TOKEN_SERVICE_URL, 127.0.0.1:8081 in CI, with this service's key): TestClients answers only for the made-up
     * clients of the other tests.
     */
    @Test
    void aScheduleForAClientTokenServiceDoesNotHaveIsRefused422() {
        String unknown = "unregistered-" + TestEnvironment.randomHex(6);

        create("{\"client_id\":\"" + unknown + "\",\"full_every\":\"P1D\",\"paused\":true}").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", is("client_id"))
                .body("detail", is("no client " + unknown + " is registered in token-service"));
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("limit", 100).get("/api/v1/schedules").then().statusCode(200)
                .body("schedules.client_id", not(hasItem(unknown)));
    }

    @Test
    void theScheduleApiIsDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/schedules'.post.responses.'201'", notNullValue())
                .body("paths.'/api/v1/schedules'.post.responses.'422'", notNullValue())
                .body("paths.'/api/v1/schedules'.post.responses.'503'.headers.'Retry-After'", notNullValue())
                .body("paths.'/api/v1/schedules'.get.responses.'200'", notNullValue())
                .body("paths.'/api/v1/schedules/{id}'.patch.responses.'200'", notNullValue())
                .body("paths.'/api/v1/schedules/{id}'.delete.responses.'204'", notNullValue())
                .body("paths.'/api/v1/review-fetch'.get.responses.'200'", notNullValue())
                .body("components.schemas.ScheduleRequest.properties.incremental_every", notNullValue())
                .body("components.schemas.Schedule.properties.runs_skipped", notNullValue())
                .body("components.schemas.JobStatus.properties.schedule_id", notNullValue())
                .body("components.schemas.JobStatus.properties.trigger", notNullValue());
    }

    @Test
    void theJobsOfAScheduleWithoutRunsAreNone() {
        String id = create("{\"client_id\":\"acme\",\"full_every\":\"P1D\",\"paused\":true}").path("id");

        Response jobs = given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("schedule_id", id).get("/api/v1/review-fetch");
        jobs.then().statusCode(200).body("schedule_id", is(id));
        assertFalse(jobs.jsonPath().getList("jobs").iterator().hasNext());
        // Without schedule_id, the job list answers (JobListTest).
        given().header("X-API-Key", TestEnvironment.API_KEY).get("/api/v1/review-fetch").then().statusCode(200)
                .body("$", hasKey("jobs")).body("$", hasKey("next_cursor"));
    }
}
