package io.reviewfetcher.emulator.faults;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.emulator.EmulatorApi.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.emulator.EmulatorApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What PUT /emulator/faults does to the Google APIs. */
@QuarkusTest
class FaultsTest {

    private String token;
    private Map<String, Object> location;

    @BeforeEach
    void setUp() {
        EmulatorApi.reset();
        token = EmulatorApi.mintToken();
        location = EmulatorApi.truthLocations().stream()
                .filter(l -> ((Number) l.get("totalReviewCount")).intValue() > 25).findFirst().orElseThrow();
    }

    @AfterEach
    void tearDown() {
        EmulatorApi.reset();
    }

    private static void faults(String json) {
        given().contentType("application/json").body(json).put("/emulator/faults").then().statusCode(200);
    }

    private String reviews() {
        return "/v4/" + location.get("v4Name") + "/reviews";
    }

    @Test
    void errorRatesCanTargetOneEndpoint() {
        faults("{\"errorRates\": {\"503\": 1.0}, \"endpoints\": [\"reviews.list\"]}");
        get(token, reviews()).then().statusCode(503).body("error.status", equalTo("UNAVAILABLE"))
                .body("error.code", equalTo(503)).body("error.errors[0].reason", equalTo("backendError"));
        get(token, "/v1/accounts").then().statusCode(200);

        faults("{\"errorRates\": {\"500\": 1.0}}");
        get(token, "/v1/accounts").then().statusCode(500).body("error.status", equalTo("INTERNAL"))
                .body("error.message", equalTo("Internal error encountered."));

        faults("{\"errorRates\": {\"429\": 1.0}}");
        get(token, "/v1/accounts").then().statusCode(429).body("error.details[0].reason", equalTo("RATE_LIMIT_EXCEEDED"));
        Map<String, Object> stats = EmulatorApi.stats();
        assertEquals(1, ((Number) stats.get("injected429s")).intValue());
        assertEquals(0, ((Number) stats.get("quotaRejections")).intValue());
        assertEquals(Map.of("200", 1, "500", 1, "429", 1), stats.get("endpoints") instanceof Map<?, ?> m ? m.get("accounts.list") : null);
    }

    @Test
    void halfTheCallsFailAtRateOneHalf() {
        faults("{\"errorRates\": {\"503\": 0.5}}");
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            failed += get(token, "/v1/accounts").statusCode() == 503 ? 1 : 0;
        }
        assertTrue(failed > 60 && failed < 140, "about half failed: " + failed);
    }

    @Test
    void chosenLocationsAnswerForbiddenOrNotFound() {
        faults("{\"forbiddenLocations\": [\"" + location.get("name") + "\"]}");
        get(token, reviews()).then().statusCode(403).body("error.status", equalTo("PERMISSION_DENIED"))
                .body("error.message", equalTo("The caller does not have permission"));

        faults("{\"notFoundLocations\": [\"" + location.get("v4Name") + "\"]}");
        get(token, reviews()).then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
    }

    @Test
    void theKnownIssueDropsReviewsFromLaterPagesButNeverFromTheFirst() {
        int total = ((Number) location.get("totalReviewCount")).intValue();
        faults("{\"reviewPageDropRate\": 1.0}");
        Response first = get(token, reviews(), "pageSize", 10);
        first.then().statusCode(200).body("reviews", hasSize(10)).body("totalReviewCount", equalTo(total));
        String next = first.jsonPath().getString("nextPageToken");
        Response second = get(token, reviews(), "pageSize", 10, "pageToken", next);
        second.then().statusCode(200).body("totalReviewCount", equalTo(total));
        assertEquals(null, second.jsonPath().getList("reviews"), "every review of page 2 went missing");
        assertNotNull(second.jsonPath().getString("nextPageToken"), "while paging goes on");

        faults("{}");
        get(token, reviews(), "pageSize", 10, "pageToken", next).then().body("reviews", hasSize(10));
    }

    @Test
    void aDisabledServiceAnswersLikeAnUnenabledApi() {
        faults("{\"serviceDisabled\": true}");
        get(token, reviews()).then().statusCode(403).body("error.status", equalTo("PERMISSION_DENIED"))
                .body("error.message", containsString("Google My Business API has not been used in project 123456789012"))
                .body("error.details[0].reason", equalTo("SERVICE_DISABLED"))
                .body("error.details[1].'@type'", equalTo("type.googleapis.com/google.rpc.Help"))
                .body("error.errors[0].reason", equalTo("accessNotConfigured"));
    }

    @Test
    void forcedExpiryEndsIssuedAccessTokensButRefreshStillWorks() {
        Map<String, Object> minted = EmulatorApi.mintTokens();
        String access = (String) minted.get("access_token");
        faults("{\"expireAccessTokens\": true}");
        get(access, "/v1/accounts").then().statusCode(401).body("error.details[0].reason", equalTo("ACCESS_TOKEN_EXPIRED"));
        String renewed = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", minted.get("refresh_token"))
                .formParam("client_id", minted.get("client_id")).formParam("client_secret", "GOCSPX-emulator-demo-secret")
                .post("/token").then().statusCode(200).extract().path("access_token");
        get(renewed, "/v1/accounts").then().statusCode(200);

        faults("{\"revokeRefreshTokens\": true}");
        given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", minted.get("refresh_token"))
                .formParam("client_id", minted.get("client_id")).formParam("client_secret", "GOCSPX-emulator-demo-secret")
                .post("/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
        get(renewed, "/v1/accounts").then().statusCode(401);
    }

    @Test
    void latencyDelaysAnswers() {
        faults("{\"latency\": {\"fixedMs\": 300}}");
        long started = System.nanoTime();
        get(token, "/v1/accounts").then().statusCode(200);
        assertTrue((System.nanoTime() - started) / 1_000_000 >= 300);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listPagesCanBeSmallAndFailTheirFirstCallsAndEachPageIsCounted() {
        Map<String, Object> account = EmulatorApi.truthAccounts().get(0);
        int locations = ((List<?>) account.get("locations")).size();
        String path = "/v1/" + account.get("name") + "/locations";
        faults("{\"pageSizeLimits\": {\"locations.list\": 4}, \"failFirstCallsPerPage\": {\"locations.list\": 2}}");

        String token = null;
        int pages = 0;
        int listed = 0;
        do {
            Object[] query = token == null ? new Object[] {"readMask", "name", "pageSize", 100}
                    : new Object[] {"readMask", "name", "pageSize", 100, "pageToken", token};
            get(this.token, path, query).then().statusCode(503).body("error.status", equalTo("UNAVAILABLE"));
            get(this.token, path, query).then().statusCode(503);
            Response page = get(this.token, path, query);
            page.then().statusCode(200);
            List<Object> items = page.jsonPath().getList("locations");
            assertTrue(items.size() <= 4, "at most 4 a page whatever pageSize asks: " + items.size());
            listed += items.size();
            pages++;
            token = page.jsonPath().getString("nextPageToken");
        } while (token != null);
        assertEquals(locations, listed);
        assertEquals((locations + 3) / 4, pages);
        get(this.token, "/v1/accounts").then().statusCode(200);

        List<Map<String, Object>> counted = (List<Map<String, Object>>) given().queryParam("endpoint", "locations.list")
                .get("/emulator/stats/pages").then().statusCode(200).extract().as(Map.class).get("pages");
        assertEquals(pages, counted.size(), counted.toString());
        for (Map<String, Object> page : counted) {
            assertEquals(account.get("name"), page.get("parent"));
            assertEquals(Map.of("200", 1, "503", 2), page.get("statuses"), page.toString());
        }
        assertEquals("", counted.stream().map(p -> (String) p.get("pageToken")).sorted().findFirst().orElseThrow(),
                "the first page has no token");

        given().contentType("application/json").body("{\"pageSizeLimits\": {\"reviews.get\": 4}}").put("/emulator/faults")
                .then().statusCode(400).body("error", containsString("pageSizeLimits"));
        given().contentType("application/json").body("{\"failFirstCallsPerPage\": {\"locations.list\": -1}}").put("/emulator/faults")
                .then().statusCode(400).body("error", containsString("failFirstCallsPerPage.locations.list"));
        EmulatorApi.reset();
        assertEquals(List.of(), given().get("/emulator/stats/pages").then().statusCode(200).extract().path("pages"));
    }

    @Test
    void faultsAreValidatedEchoedAndClearedByReset() {
        given().contentType("application/json").body("{\"errorRates\": {\"503\": 2}}").put("/emulator/faults")
                .then().statusCode(400).body("error", containsString("errorRates.503"));
        given().contentType("application/json").body("{\"errorRate\": 1}").put("/emulator/faults").then().statusCode(400);
        faults("{\"errorRates\": {\"503\": 0.25}, \"latency\": {\"randomMs\": 5}}");
        given().get("/emulator/faults").then().body("errorRates.503", equalTo(0.25f)).body("latency.randomMs", equalTo(5));
        EmulatorApi.reset();
        given().get("/emulator/faults").then().body("errorRates", equalTo(null));
        List<Integer> statuses = java.util.stream.IntStream.range(0, 20).mapToObj(i -> get(token, "/v1/accounts").statusCode()).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 200));
    }
}
