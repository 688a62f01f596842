package io.reviewfetcher.retry;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** The dead-letter API is an operator's: the admin key, and a replay that names what it replays. */
@QuarkusTest
class DeadLetterResourceTest {
    private static final String ADMIN_KEY = ConfigProvider.getConfig().getValue("api-keys.admin", String.class);

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
    void theIntakeOfFetchRetryIsPausedWithTheSameKey() {
        given().header("X-API-Key", ADMIN_KEY).get("/admin/intake").then().statusCode(200).body("paused", is(false));
        given().get("/admin/intake").then().statusCode(401);
    }
}
