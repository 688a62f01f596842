package io.reviewfetcher.accounts;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** The intake pause is an operator's: only the admin key opens it, and a wrong key gets a problem answer. */
@QuarkusTest
class IntakeResourceTest {
    private static final String ADMIN_KEY = ConfigProvider.getConfig().getValue("api-keys.admin", String.class);

    @Test
    void withoutTheAdminKeyTheAnswerIs401AsAProblem() {
        given().post("/admin/intake/pause").then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", "not-the-admin-key").get("/admin/intake").then().statusCode(401)
                .contentType("application/problem+json").body("status", is(401));
    }

    @Test
    void anOperatorPausesAndResumes() {
        given().header("X-API-Key", ADMIN_KEY).post("/admin/intake/pause").then().statusCode(200).body("paused", is(true));
        given().header("X-API-Key", ADMIN_KEY).get("/admin/intake").then().statusCode(200).body("paused", is(true));
        given().header("X-API-Key", ADMIN_KEY).post("/admin/intake/resume").then().statusCode(200).body("paused", is(false));
    }
}
