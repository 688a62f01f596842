package io.reviewfetcher.emulator.admin;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.emulator.EmulatorApi.get;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.emulator.EmulatorApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews added, edited and deleted while a fetch runs, as Google would show them. */
@QuarkusTest
class ReviewChangesTest {

    private String token;
    private Map<String, Object> location;
    private String locationId;

    @BeforeEach
    void setUp() {
        restoreTheSeededData();
        token = EmulatorApi.mintToken();
        location = EmulatorApi.truthLocations().stream()
                .filter(l -> ((Number) l.get("totalReviewCount")).intValue() > 20).findFirst().orElseThrow();
        locationId = ((String) location.get("name")).substring("locations/".length());
    }

    /** Other test classes share this application; leave the data set as seeded. */
    @AfterEach
    void restoreTheSeededData() {
        given().post("/emulator/reset?data=true").then().statusCode(200);
    }

    private Response firstPage() {
        return get(token, "/v4/" + location.get("v4Name") + "/reviews", "pageSize", 10);
    }

    @Test
    void aNewReviewAppearsFirstAndCounts() {
        int before = firstPage().jsonPath().getInt("totalReviewCount");
        Response added = given().contentType("application/json")
                .body("{\"starRating\": \"TWO\", \"comment\": \"Cold soup 🥶\", \"reviewerName\": \"Ana Müller\"}")
                .post("/emulator/locations/" + locationId + "/reviews");
        added.then().statusCode(201);
        String reviewId = added.jsonPath().getString("[0].reviewId");

        Response page = firstPage();
        page.then().body("totalReviewCount", equalTo(before + 1)).body("reviews[0].reviewId", equalTo(reviewId))
                .body("reviews[0].comment", equalTo("Cold soup 🥶")).body("reviews[0].starRating", equalTo("TWO"))
                .body("reviews[0].reviewer.displayName", equalTo("Ana Müller"));
        assertTrue(EmulatorApi.truthLocations().stream().filter(l -> l.get("name").equals(location.get("name")))
                .flatMap(l -> ((List<?>) l.get("reviews")).stream())
                .anyMatch(r -> reviewId.equals(((Map<?, ?>) r).get("reviewId"))), "the truth follows");
    }

    @Test
    void anEditMovesTheReviewToTheTopWithANewUpdateTime() {
        List<Map<String, Object>> reviews = firstPage().jsonPath().getList("reviews");
        Map<String, Object> last = reviews.get(reviews.size() - 1);
        String id = (String) last.get("reviewId");
        Instant before = Instant.parse((String) last.get("updateTime"));

        given().contentType("application/json").body("{\"comment\": null, \"starRating\": 1}")
                .patch("/emulator/locations/" + locationId + "/reviews/" + id).then().statusCode(200);
        Map<String, Object> top = firstPage().jsonPath().getMap("reviews[0]");
        assertEquals(id, top.get("reviewId"));
        assertTrue(Instant.parse((String) top.get("updateTime")).isAfter(before));
        assertFalse(top.containsKey("comment"), "now a rating-only review");
        assertEquals("ONE", top.get("starRating"));
    }

    @Test
    void anOwnerReplyDoesNotMoveUpdateTimeByDefault() {
        Map<String, Object> third = firstPage().jsonPath().getMap("reviews[2]");
        String id = (String) third.get("reviewId");
        Response edited = given().contentType("application/json").body("{\"reply\": \"Thanks!\"}")
                .patch("/emulator/locations/" + locationId + "/reviews/" + id);
        edited.then().statusCode(200).body("reviewReply.comment", equalTo("Thanks!"))
                .body("updateTime", equalTo(third.get("updateTime")));
        firstPage().then().body("reviews[2].reviewId", equalTo(id));
    }

    @Test
    void aDeletedReviewVanishesWithoutTrace() {
        Response page = firstPage();
        int before = page.jsonPath().getInt("totalReviewCount");
        String id = page.jsonPath().getString("reviews[0].reviewId");
        given().delete("/emulator/locations/" + locationId + "/reviews/" + id).then().statusCode(204);
        firstPage().then().body("totalReviewCount", equalTo(before - 1));
        assertFalse(firstPage().asString().contains(id));
        get(token, "/v4/" + location.get("v4Name") + "/reviews/" + id).then().statusCode(404);
        given().delete("/emulator/locations/" + locationId + "/reviews/" + id).then().statusCode(404);
    }

    @Test
    void aPageTokenIssuedBeforeAChangeStillWorksAtItsOffset() {
        Response page = firstPage();
        String next = page.jsonPath().getString("nextPageToken");
        String eleventh = get(token, "/v4/" + location.get("v4Name") + "/reviews", "pageSize", 10, "pageToken", next)
                .jsonPath().getString("reviews[0].reviewId");
        given().contentType("application/json").body("{\"count\": 3}")
                .post("/emulator/locations/" + locationId + "/reviews").then().statusCode(201);
        // Three new reviews pushed everything down by three: the old cursor now starts three earlier in the old order.
        get(token, "/v4/" + location.get("v4Name") + "/reviews", "pageSize", 10, "pageToken", next).then().statusCode(200)
                .body("reviews[3].reviewId", equalTo(eleventh));
    }
}
