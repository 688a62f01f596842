package io.reviewfetcher.ingress.admission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jobs-per-minute limits against the real Redis (admission/admit.lua) and Kafka, with low limits: a key over its
 * limit is answered 429 with Retry-After while another key is still admitted, a credential (a client) over its limit is
 * refused whichever key submits for it, each bulk item counts, and the refusals are counted by limit. Each test uses keys
 * and clients of its own (random per run; the bulk test TestEnvironment's API_KEY, which no other test of this profile
 * uses, and the test profile of the other tests counts nothing), so no window is another's: the windows are Redis's and
 * outlive the test by a minute. Written with the change, NOT run yet (it needs the local Kafka and Redis).
 */
@QuarkusTest
@TestProfile(AdmissionApiTest.LowLimits.class)
class AdmissionApiTest {

    static final int PER_KEY = 3;
    static final int PER_CREDENTIAL = 5;

    /** Limits low enough to reach in a test (the test profile's are off: other tests submit many jobs for one client). */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingress.admission.jobs-per-minute-per-key", Integer.toString(PER_KEY),
                    "ingress.admission.jobs-per-minute-per-credential", Integer.toString(PER_CREDENTIAL));
        }
    }

    private static Response submit(String key, String clientId) {
        return given().contentType(ContentType.JSON).header("X-API-Key", key).body("{\"client_id\":\"" + clientId + "\"}")
                .post("/api/v1/review-fetch");
    }

    private static String freshClient() {
        return "admission-" + TestEnvironment.randomHex(6);
    }

    private static void assertRefused(Response refused, String limitWords, String key) {
        refused.then().statusCode(429).contentType(startsWith("application/problem+json"))
                .body("status", is(429))
                .body("type", is("https://review-fetcher.io/problems/rate-limited"))
                .body("detail", containsString(limitWords))
                .body("detail", not(containsString(key)));
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter + " is within the minute");
    }

    @Test
    void aKeyOverItsLimitIsRefusedAnotherKeyIsNotAndAClientOverItsLimitIsRefusedForEveryKey() {
        String client = freshClient();
        for (int i = 0; i < PER_KEY; i++) {
            submit(TestEnvironment.RATE_API_KEY, client).then().statusCode(202);
        }

        assertRefused(submit(TestEnvironment.RATE_API_KEY, client), PER_KEY + " jobs in the last minute, its limit per API key",
                TestEnvironment.RATE_API_KEY);
        assertRefused(submit(TestEnvironment.RATE_API_KEY, freshClient()), "its limit per API key", TestEnvironment.RATE_API_KEY);

        // Another key is admitted for the same client, up to the client's own limit (the refused jobs took no slot).
        for (int i = PER_KEY; i < PER_CREDENTIAL; i++) {
            submit(TestEnvironment.OTHER_RATE_API_KEY, client).then().statusCode(202);
        }
        assertRefused(submit(TestEnvironment.OTHER_RATE_API_KEY, client), PER_CREDENTIAL + " jobs were submitted in the last minute "
                + "on this credential", TestEnvironment.OTHER_RATE_API_KEY);
        // That key is not over its own limit: another client is admitted.
        submit(TestEnvironment.OTHER_RATE_API_KEY, freshClient()).then().statusCode(202);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("ingress_admission_refused_total{limit=\"key\"}"), "refusals by key are counted");
        assertTrue(metrics.contains("ingress_admission_refused_total{limit=\"credential\"}"), "refusals by credential are counted");
        assertFalse(metrics.contains(TestEnvironment.RATE_API_KEY), "no key in the metrics");
        assertFalse(metrics.contains(client), "no client in the metrics");
    }

    @Test
    void eachBulkItemCountsAndThoseOverTheLimitAreRefusedOneByOne() {
        String client = freshClient();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < PER_CREDENTIAL + 2; i++) {
            items.append(i == 0 ? "" : ",").append("{\"client_id\":\"").append(client).append("\"}");
        }

        Response response = given().contentType(ContentType.JSON).header("X-API-Key", TestEnvironment.API_KEY)
                .body("{\"submissions\":[" + items + "]}").post("/api/v1/review-fetch/bulk");

        // The items run concurrently: which ones pass is not fixed, how many is (the window is one atomic script).
        response.then().statusCode(200).body("accepted", is(PER_KEY)).body("rejected", is(PER_CREDENTIAL + 2 - PER_KEY));
        List<Integer> statuses = response.path("results.status");
        assertEquals(PER_KEY, statuses.stream().filter(status -> status == 202).count());
        response.then().body("results.findAll { it.status == 429 }.problem.type", everyItem(is("https://review-fetcher.io/problems/rate-limited")))
                .body("results.findAll { it.status == 429 }.problem.detail", everyItem(containsString("its limit per API key")));
    }
}
