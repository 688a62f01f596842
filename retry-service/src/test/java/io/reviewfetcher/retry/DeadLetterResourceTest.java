package io.reviewfetcher.retry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.retry.dlq.DeadLetterResource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dead-letter API is an operator's: the admin key, a replay that names what it replays, and the newest letters first. */
@QuarkusTest
class DeadLetterResourceTest {
    private static final String ADMIN_KEY = ConfigProvider.getConfig().getValue("api-keys.admin", String.class);

    @Inject
    ObjectMapper json;

    @Test
    void withoutTheAdminKeyTheAnswerIs401AsAProblem() {
        given().get("/api/v1/dlq").then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "not-the-admin-key").contentType("application/json").body("{\"job_id\":\"j\"}")
                .post("/api/v1/dlq/replay").then().statusCode(401);
    }

    @Test
    void aReplayOfEverythingIsRefused() {
        given().header("X-API-Key", ADMIN_KEY).contentType("application/json").body("{}").post("/api/v1/dlq/replay")
                .then().statusCode(400).contentType("application/problem+json").body("status", is(400))
                .body("detail", containsString("job_id"));
    }

    @Test
    void theListIsNewestFirstAndEachLetterSaysWhetherItWasReplayed() throws Exception {
        // fetch-dlq as it is, only read (its tail, no filter): whatever it holds comes newest first.
        List<Map<String, Object>> listed = given().header("X-API-Key", ADMIN_KEY).get("/api/v1/dlq?limit=50")
                .then().statusCode(200).extract().jsonPath().getList("$");
        for (int i = 1; i < listed.size(); i++) {
            Instant before = Instant.parse((String) listed.get(i - 1).get("created_at"));
            Instant after = Instant.parse((String) listed.get(i).get("created_at"));
            assertFalse(after.isAfter(before), listed.get(i - 1) + " listed before " + listed.get(i));
        }
        listed.forEach(letter -> assertTrue(letter.containsKey("replayed_at"), letter.toString()));

        DeadLetterResource.Listed never = new DeadLetterResource.Listed(2, 40, "job-1", Instant.parse("2026-11-21T10:00:00Z"),
                "fetch-reviews", "reviews:222:1", "503", List.of(), true, null);
        assertTrue(json.writeValueAsString(never).contains("\"replayed_at\":null"), "null, not left out: never replayed");
        DeadLetterResource.Listed replayed = new DeadLetterResource.Listed(2, 40, "job-1", Instant.parse("2026-11-21T10:00:00Z"),
                "fetch-reviews", "reviews:222:1", "503", List.of(), true, Instant.parse("2026-11-22T08:30:00.123Z"));
        assertTrue(json.writeValueAsString(replayed).contains("\"replayed_at\":\"2026-11-22T08:30:00.123Z\""),
                json.writeValueAsString(replayed));
    }

    @Test
    void theIntakeOfFetchRetryIsPausedWithTheSameKey() {
        given().header("X-API-Key", ADMIN_KEY).get("/admin/intake").then().statusCode(200).body("paused", is(false));
        given().get("/admin/intake").then().statusCode(401);
    }
}
