package io.reviewfetcher.tokens.quota;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.reviewfetcher.tokens.support.Calls;
import io.reviewfetcher.tokens.support.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /admin/quota}: only with the admin key, and the permits the service granted. */
@QuarkusTest
class QuotaResourceTest {

    @Test
    void onlyTheAdminKeyReadsIt() {
        given().get("/admin/quota").then().statusCode(401).contentType("application/problem+json");
        given().header("X-API-Key", TestEnvironment.randomHex(24)).get("/admin/quota").then().statusCode(401);
        // The workers' and ingress-api's keys are no admin keys.
        Calls.asService().get("/admin/quota").then().statusCode(401);
        Calls.asIngress().get("/admin/quota").then().statusCode(401);
        asAdmin().get("/admin/quota").then().statusCode(200);
    }

    @Test
    void aPermitGrantedShowsInTheLastMinute() {
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        Calls.permit(credential).then().statusCode(200);

        JsonPath usage = asAdmin().get("/admin/quota").then().statusCode(200)
                .body("quota_per_minute", is(600)) // TestEnvironment's QUOTA_QPM
                .body("window_seconds", is(60))
                .body("bucket_capacity", is(6))
                .body("measured_at", endsWith("Z"))
                .body("per_minute", hasSize(60))
                .extract().jsonPath();
        // Other tests of this run take permits from the same bucket: at least this one.
        assertTrue(usage.getLong("permits_last_60s") >= 1, "permits_last_60s " + usage.getLong("permits_last_60s"));
        List<String> minutes = usage.getList("per_minute.minute");
        Instant measuredAt = Instant.parse(usage.getString("measured_at"));
        assertEquals(measuredAt.getEpochSecond() / 60 * 60, Instant.parse(minutes.get(59)).getEpochSecond());
        assertEquals(Instant.parse(minutes.get(59)).minusSeconds(59 * 60), Instant.parse(minutes.get(0)));
        List<Integer> permits = usage.getList("per_minute.permits");
        assertTrue(permits.get(58) + permits.get(59) >= 1, "the permit is in neither of the last two minutes: " + permits);
    }
}
