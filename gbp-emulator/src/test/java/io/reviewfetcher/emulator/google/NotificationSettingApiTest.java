package io.reviewfetcher.emulator.google;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.emulator.EmulatorApi.get;
import static io.reviewfetcher.emulator.google.GoogleApiContractTest.assertBadRequest;
import static io.reviewfetcher.emulator.google.GoogleApiContractTest.assertNotFound;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.emulator.EmulatorApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** My Business Notifications API: one setting per account, through the same gate as every Google API. */
@QuarkusTest
class NotificationSettingApiTest {

    private static final String BODY = "{\"name\": \"%s/notificationSetting\", \"pubsubTopic\": \"projects/p/topics/t\","
            + " \"notificationTypes\": [\"NEW_REVIEW\", \"UPDATED_REVIEW\"]}";

    private String token;
    private String account;

    @BeforeEach
    void setUp() {
        given().post("/emulator/reset?data=true").then().statusCode(200);
        token = EmulatorApi.mintToken();
        account = (String) EmulatorApi.truthAccounts().get(1).get("name");
    }

    /** Other test classes share this application: no settings left behind. */
    @AfterEach
    void tearDown() {
        given().post("/emulator/reset?data=true").then().statusCode(200);
    }

    private Response patch(String token, String account, String mask, String body) {
        var request = given().header("Authorization", "Bearer " + token).contentType("application/json").body(body);
        if (mask != null) {
            request = request.queryParam("updateMask", mask);
        }
        return request.patch("/v1/" + account + "/notificationSetting");
    }

    private Response patch(String mask, String body) {
        return patch(token, account, mask, body);
    }

    private String setting() {
        return "/v1/" + account + "/notificationSetting";
    }

    @Test
    void anAccountStartsWithoutASettingThenKeepsWhatWasWritten() {
        get(token, setting()).then().statusCode(200).contentType("application/json")
                .body("name", equalTo(account + "/notificationSetting"))
                .body("pubsubTopic", nullValue()).body("notificationTypes", nullValue());

        patch("pubsubTopic,notificationTypes", BODY.formatted(account)).then().statusCode(200)
                .body("name", equalTo(account + "/notificationSetting"))
                .body("pubsubTopic", equalTo("projects/p/topics/t"))
                .body("notificationTypes", equalTo(List.of("NEW_REVIEW", "UPDATED_REVIEW")));
        get(token, setting()).then().body("pubsubTopic", equalTo("projects/p/topics/t"))
                .body("notificationTypes", equalTo(List.of("NEW_REVIEW", "UPDATED_REVIEW")));
        String other = (String) EmulatorApi.truthAccounts().get(0).get("name");
        get(token, "/v1/" + other + "/notificationSetting").then().body("pubsubTopic", nullValue());

        // Turning off: empty types (the topic stays until it is cleared as well).
        patch("notificationTypes", "{\"notificationTypes\": []}").then().statusCode(200)
                .body("pubsubTopic", equalTo("projects/p/topics/t")).body("notificationTypes", nullValue());
        patch("pubsubTopic", "{\"pubsubTopic\": \"\"}").then().statusCode(200)
                .body("pubsubTopic", nullValue()).body("notificationTypes", nullValue());
    }

    @Test
    void bothCallsAreGoogleApiCallsCountedPerMethod() {
        get(token, setting()).then().statusCode(200);
        patch("pubsubTopic", "{\"pubsubTopic\": \"projects/p/topics/t\"}").then().statusCode(200);
        patch(null, "{}").then().statusCode(400);
        Map<String, Object> stats = EmulatorApi.stats();
        assertEquals(Map.of("200", 1), ((Map<?, ?>) stats.get("endpoints")).get("accounts.getNotificationSetting"));
        assertEquals(Map.of("200", 1, "400", 1), ((Map<?, ?>) stats.get("endpoints")).get("accounts.updateNotificationSetting"));
        assertEquals(3, ((Number) stats.get("googleApiCalls")).intValue());
    }

    @Test
    void badUpdatesAnswerInvalidArgumentNamingTheField() {
        assertBadRequest(patch(null, BODY.formatted(account)), "update_mask");
        assertBadRequest(patch("pubsubTopic,displayName", BODY.formatted(account)), "update_mask");
        assertBadRequest(patch("notificationTypes", "{\"notificationTypes\": [\"NEW_REVIEW\", \"NEW_RATING\"]}"),
                "notification_setting.notification_types[1]");
        Response badTopic = patch("pubsubTopic", "{\"pubsubTopic\": \"my-topic\"}");
        badTopic.then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.details[0].reason", equalTo("INVALID_PUBSUB_TOPIC"))
                .body("error.details[1].fieldViolations[0].field", equalTo("notification_setting.pubsub_topic"));
        patch("pubsubTopic", "{\"topic\": \"projects/p/topics/t\"}").then().statusCode(400)
                .body("error.message", equalTo("Invalid JSON payload received. Unknown name \"topic\": Cannot find field."));
        assertBadRequest(given().header("Authorization", "Bearer " + token).queryParam("updateMask", "pubsubTopic")
                .queryParam("since", "now").body("{}").patch(setting()), null);
        get(token, setting()).then().body("pubsubTopic", nullValue());
    }

    @Test
    void callersWithoutValidCredentialsOrAccessAreRefused() {
        given().get(setting()).then().statusCode(401).body("error.status", equalTo("UNAUTHENTICATED"));
        patch("not-a-token", account, "pubsubTopic", "{}").then().statusCode(401)
                .body("error.status", equalTo("UNAUTHENTICATED"));
        String emailOnly = given().body("{\"scope\": \"email\"}").post("/emulator/tokens").then().statusCode(200)
                .extract().path("access_token");
        patch(emailOnly, account, "pubsubTopic", "{}").then().statusCode(403)
                .body("error.details[0].reason", equalTo("ACCESS_TOKEN_SCOPE_INSUFFICIENT"));
        assertNotFound(get(token, "/v1/accounts/999999999999999999999/notificationSetting"));
        assertNotFound(patch(token, "accounts/999999999999999999999", "pubsubTopic",
                "{\"pubsubTopic\": \"projects/p/topics/t\"}"));
        assertNotFound(given().header("Authorization", "Bearer " + token).post(setting()));
    }

    @Test
    void theGoogleFaultsApplyToo() {
        given().contentType("application/json")
                .body("{\"errorRates\": {\"503\": 1.0}, \"endpoints\": [\"accounts.updateNotificationSetting\"]}")
                .put("/emulator/faults").then().statusCode(200);
        patch("pubsubTopic", "{\"pubsubTopic\": \"projects/p/topics/t\"}").then().statusCode(503)
                .body("error.status", equalTo("UNAVAILABLE"));
        get(token, setting()).then().statusCode(200).body("pubsubTopic", nullValue());

        given().contentType("application/json").body("{\"serviceDisabled\": true}").put("/emulator/faults")
                .then().statusCode(200);
        get(token, setting()).then().statusCode(403).body("error.details[0].reason", equalTo("SERVICE_DISABLED"))
                .body("error.message", org.hamcrest.Matchers.startsWith("My Business Notifications API has not been used"));
    }

    @Test
    void aResetKeepsSettingsButRebuildingTheDataForgetsThem() {
        patch("pubsubTopic,notificationTypes", BODY.formatted(account)).then().statusCode(200);
        given().post("/emulator/reset").then().statusCode(200);
        get(token, setting()).then().body("pubsubTopic", equalTo("projects/p/topics/t"));
        given().post("/emulator/reset?data=true").then().statusCode(200);
        get(token, setting()).then().body("pubsubTopic", nullValue());
    }

    @Test
    void withoutAPushEndpointReviewChangesPublishNothing() {
        patch("pubsubTopic,notificationTypes", BODY.formatted(account)).then().statusCode(200);
        String location = ((List<?>) EmulatorApi.truthAccounts().get(1).get("locations")).get(0).toString();
        String locationId = location.substring(location.lastIndexOf('/') + 1);
        given().contentType("application/json").body("{\"count\": 2}").post("/emulator/locations/" + locationId + "/reviews")
                .then().statusCode(201);
        given().get("/emulator/pushes").then().statusCode(200).body("endpoint", nullValue())
                .body("counts.published", equalTo(0)).body("messages", equalTo(List.of()));
    }
}
