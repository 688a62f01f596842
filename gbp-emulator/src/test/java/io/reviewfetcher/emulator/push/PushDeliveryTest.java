package io.reviewfetcher.emulator.push;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reviewfetcher.emulator.EmulatorApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review changes made through the admin paths reach the push endpoint as Pub/Sub pushes them, for an account whose
 * notification setting asks for them: Google's envelope, a token that verifies against the emulator's JWKS, retries,
 * and each push fault.
 */
@QuarkusTest
@TestProfile(PushProfile.class)
class PushDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final PushReceiver receiver = PushReceiver.get();
    private String token;
    private String account;
    private String locationId;
    private String locationName;

    @BeforeEach
    void setUp() {
        given().post("/emulator/reset?data=true").then().statusCode(200);
        receiver.reset();
        token = EmulatorApi.mintToken();
        Map<String, Object> location = EmulatorApi.truthLocations().get(0);
        account = (String) ((List<?>) location.get("accounts")).get(0);
        locationName = (String) location.get("v4Name");
        locationId = ((String) location.get("name")).substring("locations/".length());
        notify(account, "NEW_REVIEW", "UPDATED_REVIEW");
    }

    @AfterEach
    void tearDown() {
        given().post("/emulator/reset?data=true").then().statusCode(200);
        receiver.reset();
    }

    // ---- the pushes ---------------------------------------------------------------------------

    @Test
    void aNewReviewIsPushedAsPubSubPushesWithATokenThatVerifies() throws Exception {
        String review = addReviews(1).get(0);
        PushReceiver.Received push = awaitPushes(List.of(review), 1).get(0);

        JsonNode message = push.envelope().get("message");
        assertEquals("projects/emulator-project/subscriptions/review-fetcher-push", push.envelope().get("subscription").asText());
        assertTrue(push.messageId().matches("\\d+"), "a decimal string: " + push.messageId());
        assertEquals(push.messageId(), message.get("message_id").asText());
        assertEquals(message.get("publishTime").asText(), message.get("publish_time").asText());
        Instant published = Instant.parse(message.get("publishTime").asText());
        assertEquals("NEW_REVIEW", message.get("attributes").get("type").asText());
        assertEquals("NEW_REVIEW", push.data().get("type").asText());
        assertEquals(review, push.data().get("reviewName").asText());
        assertEquals(locationName, push.data().get("locationName").asText());
        assertEquals(3, push.data().size(), "type, reviewName, locationName: " + push.data());

        String jwks = given().get("/oauth2/v3/certs").then().statusCode(200).extract().asString();
        JwtClaims claims = PushTokens.verify(push.token(), jwks, receiver.url());
        assertEquals("review-fetcher-push@emulator-project.iam.gserviceaccount.com", claims.getStringClaimValue("email"));
        assertEquals(Boolean.TRUE, claims.getClaimValue("email_verified"));
        assertEquals(List.of(receiver.url()), claims.getAudience(), "the audience defaults to the endpoint URL");

        Map<String, Object> logged = awaitLogged(review, "DELIVERED");
        assertEquals(push.messageId(), logged.get("messageId"));
        assertEquals(published, Instant.parse((String) logged.get("publishTime")));
        assertFalse(Instant.parse((String) logged.get("deliveredAt")).isBefore(published));
        assertEquals(1, logged.get("attempts"));
        assertEquals(Map.of("published", 1, "delivered", 1, "deliveries", 1, "attempts", 1, "attemptsFailed", 0,
                "dropped", 0, "duplicated", 0, "givenUp", 0, "pending", 0), pushes().get("counts"));
    }

    @Test
    void editsAndRepliesArePushedAsUpdatedReviewsAndDeletionsAreNot() {
        String review = addReviews(1).get(0);
        String reviewId = review.substring(review.lastIndexOf('/') + 1);
        awaitPushes(List.of(review), 1);

        edit(reviewId, "{\"starRating\": 2, \"comment\": \"Changed my mind\"}");
        edit(reviewId, "{\"reply\": \"Sorry to hear that\"}");
        List<PushReceiver.Received> pushes = awaitPushes(List.of(review), 3);
        assertEquals(List.of("NEW_REVIEW", "UPDATED_REVIEW", "UPDATED_REVIEW"),
                pushes.stream().map(p -> p.data().get("type").asText()).sorted().toList());
        assertEquals(3, pushes.stream().map(PushReceiver.Received::messageId).distinct().count(), "three messages");

        given().delete("/emulator/locations/" + locationId + "/reviews/" + reviewId).then().statusCode(204);
        assertEquals(3, count("published"), "Google has no notification for a deleted review");
    }

    @Test
    void onlyWhatTheOwningAccountsSettingAsksForIsPublished() {
        notify(account, "NEW_REVIEW");
        String review = addReviews(1).get(0);
        edit(review.substring(review.lastIndexOf('/') + 1), "{\"comment\": \"edited\"}");
        assertEquals(List.of("NEW_REVIEW"), loggedTypes(), "no UPDATED_REVIEW asked for");

        given().header("Authorization", "Bearer " + token).queryParam("updateMask", "pubsubTopic")
                .body("{\"pubsubTopic\": \"\"}").patch("/v1/" + account + "/notificationSetting").then().statusCode(200);
        addReviews(1);
        assertEquals(List.of("NEW_REVIEW"), loggedTypes(), "no topic, nothing published");

        String other = EmulatorApi.truthAccounts().stream().map(a -> (String) a.get("name"))
                .filter(a -> !a.equals(account)).findFirst().orElseThrow();
        notify(other, "NEW_REVIEW", "UPDATED_REVIEW");
        addReviews(1);
        assertEquals(List.of("NEW_REVIEW"), loggedTypes(), "another account's setting does not cover this location");
    }

    @Test
    void aFailedPushIsRetriedWithTheSameMessageUntilAcknowledged() {
        receiver.answer(500, 503, 429);
        String review = addReviews(1).get(0);
        List<PushReceiver.Received> pushes = awaitPushes(List.of(review), 4);
        assertEquals(List.of(500, 503, 429, 204), pushes.stream().map(PushReceiver.Received::answered).toList());
        assertEquals(1, pushes.stream().map(PushReceiver.Received::messageId).distinct().count());
        assertTrue(pushes.stream().noneMatch(p -> p.token().isEmpty()), "every attempt carries a token");
        Map<String, Object> logged = awaitLogged(review, "DELIVERED");
        assertEquals(4, logged.get("attempts"));
        assertEquals(3, count("attemptsFailed"));
        assertEquals(1, count("delivered"));
    }

    // ---- the push faults ----------------------------------------------------------------------

    @Test
    void theDuplicateFaultDeliversAMessageTwiceWithOneMessageId() {
        faults("{\"push\": {\"duplicateRate\": 1.0}}");
        String review = addReviews(1).get(0);
        List<PushReceiver.Received> pushes = awaitPushes(List.of(review), 2);
        assertEquals(pushes.get(0).messageId(), pushes.get(1).messageId());
        await().atMost(WAIT).until(() -> count("deliveries") == 2);
        assertEquals(1, count("delivered"));
        assertEquals(1, count("duplicated"));
        assertEquals(2, logged(review).get("deliveries"));
    }

    @Test
    void theDropFaultLosesMessagesAndCountsThem() {
        faults("{\"push\": {\"dropRate\": 1.0}}");
        String lost = addReviews(1).get(0);
        assertEquals("DROPPED", logged(lost).get("state"));
        assertEquals(1, count("dropped"));
        assertEquals(0, count("pending"));

        faults("{}");
        String kept = addReviews(1).get(0);
        awaitPushes(List.of(kept), 1);
        assertEquals(List.of(), receiver.about(List.of(lost)), "the dropped message never came");
        assertEquals(0, logged(lost).get("attempts"));
    }

    @Test
    void badlySignedPushesAreRejectedByAVerifyingReceiverUntilPubSubGivesUp() {
        String jwks = given().get("/oauth2/v3/certs").then().statusCode(200).extract().asString();
        receiver.verifyTokensWith(jwks);
        faults("{\"push\": {\"badSignature\": true}}");
        String review = addReviews(1).get(0);

        Map<String, Object> logged = awaitLogged(review, "GIVEN_UP");
        List<PushReceiver.Received> pushes = receiver.about(List.of(review));
        assertTrue(pushes.size() >= 2, "retried before giving up: " + pushes.size());
        assertTrue(pushes.stream().noneMatch(PushReceiver.Received::tokenValid));
        assertTrue(pushes.stream().allMatch(p -> p.answered() == 403));
        assertEquals(pushes.size(), logged.get("attempts"));
        assertEquals(1, count("givenUp"));
        assertThrows(InvalidJwtException.class, () -> PushTokens.verify(pushes.get(0).token(), jwks, receiver.url()));

        faults("{}");
        String good = addReviews(1).get(0);
        assertTrue(awaitPushes(List.of(good), 1).get(0).tokenValid());
    }

    @Test
    void theReorderFaultDeliversAWindowOfMessagesInAnotherOrder() {
        faults("{\"push\": {\"reorderWindowMs\": 300}}");
        List<String> published = addReviews(5);
        List<String> received = awaitPushes(published, 5).stream().map(PushReceiver.Received::reviewName).toList();
        assertNotEquals(published, received);
        assertEquals(published.stream().sorted().toList(), received.stream().sorted().toList());
    }

    @Test
    void theDelayFaultHoldsTheFirstAttempt() {
        faults("{\"push\": {\"delay\": {\"fixedMs\": 400, \"randomMs\": 100}}}");
        String review = addReviews(1).get(0);
        Map<String, Object> logged = awaitLogged(review, "DELIVERED");
        Duration latency = Duration.between(Instant.parse((String) logged.get("publishTime")),
                Instant.parse((String) logged.get("deliveredAt")));
        assertTrue(latency.toMillis() >= 400, "delivered after " + latency);
    }

    @Test
    void pushFaultsAreShownAndAResetForgetsThemWithThePushes() {
        faults("{\"push\": {\"dropRate\": 0.5, \"delay\": {\"fixedMs\": 10}}}");
        given().get("/emulator/faults").then().statusCode(200)
                .body("push.dropRate", org.hamcrest.Matchers.equalTo(0.5f))
                .body("push.delay.fixedMs", org.hamcrest.Matchers.equalTo(10));
        given().contentType("application/json").body("{\"push\": {\"dropRate\": 2}}").put("/emulator/faults").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.equalTo("push.dropRate: must be between 0 and 1"));
        given().contentType("application/json").body("{\"push\": {\"lossRate\": 0.1}}").put("/emulator/faults").then()
                .statusCode(400);
        addReviews(2);
        given().post("/emulator/reset").then().statusCode(200);
        given().get("/emulator/faults").then().body("push", org.hamcrest.Matchers.nullValue());
        assertEquals(0, count("published"));
        assertEquals(List.of(), pushes().get("messages"));
        assertEquals(receiver.url(), pushes().get("endpoint"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void notify(String account, String... types) {
        String body = "{\"pubsubTopic\": \"projects/demo/topics/reviews\", \"notificationTypes\": [\""
                + String.join("\", \"", types) + "\"]}";
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .queryParam("updateMask", "pubsubTopic,notificationTypes").body(body)
                .patch("/v1/" + account + "/notificationSetting").then().statusCode(200);
    }

    /** Adds reviews through the admin path; their v4 names, in publishing order. */
    private List<String> addReviews(int count) {
        return given().contentType("application/json").body("{\"count\": " + count + "}")
                .post("/emulator/locations/" + locationId + "/reviews").then().statusCode(201)
                .extract().jsonPath().getList("name", String.class);
    }

    private void edit(String reviewId, String body) {
        given().contentType("application/json").body(body)
                .patch("/emulator/locations/" + locationId + "/reviews/" + reviewId).then().statusCode(200);
    }

    private static void faults(String json) {
        given().contentType("application/json").body(json).put("/emulator/faults").then().statusCode(200);
    }

    private List<PushReceiver.Received> awaitPushes(List<String> reviews, int count) {
        await().atMost(WAIT).until(() -> receiver.about(reviews).size() >= count);
        return receiver.about(reviews);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pushes() {
        return given().get("/emulator/pushes").then().statusCode(200).extract().as(Map.class);
    }

    private static long count(String name) {
        return ((Number) ((Map<?, ?>) pushes().get("counts")).get(name)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> logged() {
        return (List<Map<String, Object>>) pushes().get("messages");
    }

    private static Map<String, Object> logged(String review) {
        return logged().stream().filter(m -> review.equals(m.get("reviewName"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> awaitLogged(String review, String state) {
        await().atMost(WAIT).until(() -> state.equals(logged(review).get("state")));
        return logged(review);
    }

    private static List<String> loggedTypes() {
        return logged().stream().map(m -> (String) m.get("type")).toList();
    }
}
