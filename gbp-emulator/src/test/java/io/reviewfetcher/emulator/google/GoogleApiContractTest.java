package io.reviewfetcher.emulator.google;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.emulator.EmulatorApi.batch;
import static io.reviewfetcher.emulator.EmulatorApi.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.reviewfetcher.emulator.EmulatorApi;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Response shapes and error bodies, field by field, as gbp-api.md sections 1 and 2 describe them. */
@QuarkusTest
class GoogleApiContractTest {

    private static final Pattern RFC3339_Z = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6}|\\.\\d{9})?Z");
    private static final Set<String> REVIEW_KEYS = Set.of("name", "reviewId", "reviewer", "starRating", "comment",
            "createTime", "updateTime", "reviewReply");
    private static final Set<String> STAR_RATINGS = Set.of("ONE", "TWO", "THREE", "FOUR", "FIVE");

    private String token;
    private static Map<String, Object> truth;

    @BeforeEach
    void setUp() {
        EmulatorApi.reset();
        token = EmulatorApi.mintToken();
        truth = EmulatorApi.truth();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> truthLocations() {
        return (List<Map<String, Object>>) truth.get("locations");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> truthAccounts() {
        return (List<Map<String, Object>>) truth.get("accounts");
    }

    // ---- accounts.list -------------------------------------------------------------------------

    @Test
    void accountsListPutsThePersonalAccountFirstAndOmitsEmptyFields() {
        Response response = get(token, "/v1/accounts");
        response.then().statusCode(200).contentType(containsString("application/json"));
        List<Map<String, Object>> accounts = response.jsonPath().getList("accounts");
        assertEquals(3, accounts.size());
        assertNull(response.jsonPath().get("nextPageToken"), "one page only: no nextPageToken");

        Map<String, Object> personal = accounts.get(0);
        assertEquals("PERSONAL", personal.get("type"));
        assertEquals("Demo Owner", personal.get("accountName"));
        assertTrue(((String) personal.get("name")).matches("accounts/\\d+"));
        assertFalse(personal.containsKey("organizationInfo"), "only organizations carry organizationInfo");
        assertFalse(personal.containsKey("accountNumber"));

        Map<String, Object> organization = accounts.get(2);
        assertEquals("ORGANIZATION", organization.get("type"));
        assertEquals(Set.of("name", "accountName", "type", "role", "verificationState", "vettedState", "accountNumber",
                "permissionLevel", "organizationInfo"), organization.keySet());
        assertEquals(Set.of("registeredDomain", "phoneNumber"), ((Map<?, ?>) organization.get("organizationInfo")).keySet());
        assertNoNulls(response.asString());
    }

    @Test
    void accountsListPagesByTwentyAtMost() {
        Response first = get(token, "/v1/accounts", "pageSize", 2);
        first.then().statusCode(200).body("accounts", hasSize(2));
        String next = first.jsonPath().getString("nextPageToken");
        get(token, "/v1/accounts", "pageSize", 2, "pageToken", next).then().statusCode(200)
                .body("accounts", hasSize(1)).body("nextPageToken", nullValue());

        // Above the maximum is coerced to it, as Google's list guidance has it (EMULATOR_LIMITS_PAGE_SIZE_POLICY=REJECT refuses it).
        get(token, "/v1/accounts", "pageSize", 21).then().statusCode(200).body("accounts", hasSize(3));
        get(token, "/v1/accounts", "filter", "type=ORGANIZATION").then().statusCode(200).body("accounts", hasSize(1));
    }

    // ---- locations.list ------------------------------------------------------------------------

    @Test
    void locationsListWithoutReadMaskIsRefusedAsGoogleDoes() {
        Response response = get(token, "/v1/" + account(1) + "/locations");
        response.then().statusCode(400);
        JsonPath body = response.jsonPath();
        assertEquals(400, body.getInt("error.code"));
        assertEquals("INVALID_ARGUMENT", body.getString("error.status"));
        assertEquals("Request contains an invalid argument.", body.getString("error.message"));
        assertEquals("type.googleapis.com/google.rpc.BadRequest", body.getString("error.details[0].'@type'"));
        assertEquals("read_mask", body.getString("error.details[0].fieldViolations[0].field"));
        assertEquals("Field is required", body.getString("error.details[0].fieldViolations[0].description"));
        assertEquals("badRequest", body.getString("error.errors[0].reason"));
        assertEquals("global", body.getString("error.errors[0].domain"));
    }

    @Test
    void aReadMaskIntoARepeatedFieldIsInvalid() {
        Response response = get(token, "/v1/" + account(1) + "/locations",
                "readMask", "name,categories.additionalCategories.displayName");
        assertBadRequest(response, "read_mask");
        assertEquals("Invalid field mask provided",
                response.jsonPath().getString("error.details[0].fieldViolations[0].description"));
    }

    @Test
    void locationsCarryOnlyTheMaskedFieldsAndPageByTenByDefault() {
        String account = account(1);
        Response response = get(token, "/v1/" + account + "/locations", "readMask", "name,title,storefrontAddress.locality");
        response.then().statusCode(200).body("locations", hasSize(10));
        assertFalse(response.jsonPath().getMap("$").containsKey("totalSize"), "Google sends totalSize only with a filter");
        int total = ((List<?>) truthAccounts().get(1).get("locations")).size();
        assertTrue(total > 10, "the location group also sees shared locations");
        for (Map<String, Object> location : response.jsonPath().<Map<String, Object>>getList("locations")) {
            assertEquals(Set.of("name", "title", "storefrontAddress"), location.keySet());
            assertTrue(((String) location.get("name")).matches("locations/\\d+"), "v1 names have no account part");
            assertEquals(Set.of("locality"), ((Map<?, ?>) location.get("storefrontAddress")).keySet());
        }
        String next = response.jsonPath().getString("nextPageToken");
        get(token, "/v1/" + account + "/locations", "readMask", "name", "pageToken", next).then().statusCode(200)
                .body("locations", hasSize(total - 10)).body("nextPageToken", nullValue()).body("totalSize", nullValue());

        get(token, "/v1/" + account + "/locations", "readMask", "name", "pageSize", 101).then().statusCode(200)
                .body("locations", hasSize(total));
        get(token, "/v1/" + account + "/locations", "readMask", "name", "pageSize", 100).then().statusCode(200)
                .body("locations", hasSize(total));
    }

    @Test
    void aFilteredListCarriesTotalSize() {
        String account = account(1);
        String title = (String) truthLocations().stream()
                .filter(l -> ((List<?>) l.get("accounts")).contains(account)).findFirst().orElseThrow().get("title");
        Response filtered = get(token, "/v1/" + account + "/locations", "readMask", "name", "pageSize", 1,
                "filter", "title=\"" + title + "\"");
        filtered.then().statusCode(200).body("locations", hasSize(1));
        assertTrue(filtered.jsonPath().getInt("totalSize") >= 1, "a filtered list says how many match");
        get(token, "/v1/" + account + "/locations", "readMask", "name", "filter", "title=\"no such title\"")
                .then().statusCode(200).body("totalSize", nullValue()).body("locations", nullValue());
    }

    @Test
    void aFullReadMaskShowsTheWholeLocation() {
        Response response = get(token, "/v1/" + account(0) + "/locations", "pageSize", 1, "readMask",
                "name,languageCode,storeCode,title,phoneNumbers,categories,storefrontAddress,websiteUri,regularHours,"
                        + "specialHours,serviceArea,latlng,openInfo,metadata,profile,relationshipData");
        response.then().statusCode(200)
                .body("locations[0].phoneNumbers.primaryPhone", containsString("+"))
                .body("locations[0].categories.primaryCategory.name", containsString("categories/gcid:"))
                .body("locations[0].openInfo.status", equalTo("OPEN"))
                .body("locations[0].storefrontAddress.addressLines", hasSize(1));
        assertFalse(response.jsonPath().getMap("locations[0]").containsKey("specialHours"), "empty fields are absent");
        assertNoNulls(response.asString());
    }

    // ---- reviews.list --------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void everyReviewIsShapedLikeGooglesAndEmptyFieldsAreAbsent() {
        int seen = 0;
        boolean ratingOnly = false;
        boolean anonymous = false;
        boolean replied = false;
        for (Map<String, Object> location : verifiedLocationsWithReviews()) {
            String parent = (String) location.get("v4Name");
            String pageToken = null;
            do {
                Response page = pageToken == null ? get(token, "/v4/" + parent + "/reviews")
                        : get(token, "/v4/" + parent + "/reviews", "pageToken", pageToken);
                page.then().statusCode(200);
                assertNoNulls(page.asString());
                Map<String, Object> body = EmulatorApi.json(page);
                assertEquals(location.get("totalReviewCount"), body.get("totalReviewCount"), "on every page");
                assertEquals(((Number) location.get("averageRating")).doubleValue(),
                        ((Number) body.get("averageRating")).doubleValue());
                List<Map<String, Object>> reviews = (List<Map<String, Object>>) body.get("reviews");
                for (Map<String, Object> review : reviews) {
                    seen++;
                    assertTrue(REVIEW_KEYS.containsAll(review.keySet()), "unexpected keys " + review.keySet());
                    String id = (String) review.get("reviewId");
                    assertEquals(parent + "/reviews/" + id, review.get("name"));
                    assertTrue(STAR_RATINGS.contains(review.get("starRating")));
                    assertTrue(RFC3339_Z.matcher((String) review.get("createTime")).matches(), (String) review.get("createTime"));
                    assertTrue(RFC3339_Z.matcher((String) review.get("updateTime")).matches());
                    Map<?, ?> reviewer = (Map<?, ?>) review.get("reviewer");
                    if (Boolean.TRUE.equals(reviewer.get("isAnonymous"))) {
                        anonymous = true;
                        assertEquals("A Google User", reviewer.get("displayName"));
                        assertFalse(reviewer.containsKey("profilePhotoUrl"));
                    } else {
                        assertFalse(reviewer.containsKey("isAnonymous"), "false is omitted, not sent");
                        assertTrue(((String) reviewer.get("profilePhotoUrl")).startsWith("https://"));
                    }
                    ratingOnly |= !review.containsKey("comment");
                    if (review.containsKey("reviewReply")) {
                        replied = true;
                        Map<?, ?> reply = (Map<?, ?>) review.get("reviewReply");
                        assertEquals(Set.of("comment", "updateTime"), reply.keySet());
                    }
                }
                pageToken = (String) body.get("nextPageToken");
                if (pageToken != null) {
                    assertEquals(50, reviews.size(), "only the last page is short");
                }
            } while (pageToken != null);
        }
        assertTrue(seen > 100 && ratingOnly && anonymous && replied, "seen " + seen);
    }

    @Test
    void reviewsComeInTheRequestedOrder() {
        String parent = (String) busiestLocation().get("v4Name");
        List<Map<String, Object>> byUpdate = get(token, "/v4/" + parent + "/reviews").jsonPath().getList("reviews");
        List<Instant> times = byUpdate.stream().map(r -> Instant.parse((String) r.get("updateTime"))).toList();
        assertEquals(times.stream().sorted(Comparator.reverseOrder()).toList(), times, "updateTime desc by default");

        List<Integer> ascending = stars(get(token, "/v4/" + parent + "/reviews", "orderBy", "rating"));
        assertEquals(ascending.stream().sorted().toList(), ascending);
        List<Integer> descending = stars(get(token, "/v4/" + parent + "/reviews", "orderBy", "rating desc"));
        assertEquals(descending.stream().sorted(Comparator.reverseOrder()).toList(), descending);
        get(token, "/v4/" + parent + "/reviews", "orderBy", "update_time desc").then().statusCode(200);

        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "orderBy", "updateTime"), "order_by");
        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "orderBy", "stars"), "order_by");
    }

    @Test
    void pageSizeAndPageTokenAreChecked() {
        String parent = (String) busiestLocation().get("v4Name");
        int reviews = ((Number) busiestLocation().get("totalReviewCount")).intValue();
        get(token, "/v4/" + parent + "/reviews", "pageSize", 51).then().statusCode(200).body("reviews", hasSize(Math.min(50, reviews)));
        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "pageSize", -1), "page_size");
        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "pageSize", "ten"), "page_size");
        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "pageToken", "bm90LWEtdG9rZW4"), "page_token");

        String tokenOfRatingOrder = get(token, "/v4/" + parent + "/reviews", "pageSize", 5, "orderBy", "rating")
                .jsonPath().getString("nextPageToken");
        assertBadRequest(get(token, "/v4/" + parent + "/reviews", "pageToken", tokenOfRatingOrder), "page_token");
    }

    @Test
    void badParentsAnswerNotFound() {
        Map<String, Object> location = busiestLocation();
        String locationName = (String) location.get("name");
        assertNotFound(get(token, "/v4/" + locationName + "/reviews"));
        assertNotFound(get(token, "/v4/accounts/999/" + locationName + "/reviews"));
        String otherAccount = truthAccounts().stream().map(a -> (String) a.get("name"))
                .filter(a -> !((List<?>) location.get("accounts")).contains(a)).findFirst().orElseThrow();
        assertNotFound(get(token, "/v4/" + otherAccount + "/" + locationName + "/reviews"));
        assertNotFound(get(token, "/v4/" + location.get("v4Name") + "/reviews/AbFvOqNoSuchReview"));
    }

    @Test
    void anUnverifiedLocationFailsItsPrecondition() {
        Map<String, Object> unverified = truthLocations().stream()
                .filter(l -> !(Boolean) l.get("verified")).findFirst()
                .orElseThrow(() -> new AssertionError("the test data set has an unverified location"));
        Response response = get(token, "/v4/" + unverified.get("v4Name") + "/reviews");
        response.then().statusCode(400).body("error.status", equalTo("FAILED_PRECONDITION"))
                .body("error.code", equalTo(400)).body("error.message", equalTo("Precondition check failed."));
    }

    @Test
    void reviewsGetAnswersOneReview() {
        Map<String, Object> location = busiestLocation();
        Map<?, ?> truthReview = (Map<?, ?>) ((List<?>) location.get("reviews")).get(0);
        get(token, "/v4/" + truthReview.get("name")).then().statusCode(200)
                .body("name", equalTo(truthReview.get("name")))
                .body("updateTime", equalTo(truthReview.get("updateTime")))
                .body("starRating", equalTo(truthReview.get("starRating")));
    }

    // ---- batchGetReviews -----------------------------------------------------------------------

    @Test
    void batchGetReviewsNamesTheLocationAndMergesAcrossLocations() {
        String account = account(0);
        List<String> names = truthLocations().stream()
                .filter(l -> (Boolean) l.get("verified") && ((List<?>) l.get("accounts")).contains(account))
                .map(l -> account + "/locations/" + ((String) l.get("name")).substring(10)).toList();
        Response response = batch(token, account, "{\"locationNames\": " + json(names) + ", \"pageSize\": 20}");
        response.then().statusCode(200).body("locationReviews", hasSize(20));
        assertNoNulls(response.asString());
        JsonPath body = response.jsonPath();
        assertEquals(Set.of("locationReviews", "nextPageToken"), body.getMap("$").keySet(), "no averageRating in batch");
        List<Map<String, Object>> items = body.getList("locationReviews");
        List<Instant> times = items.stream()
                .map(i -> Instant.parse((String) ((Map<?, ?>) i.get("review")).get("updateTime"))).toList();
        assertEquals(times.stream().sorted(Comparator.reverseOrder()).toList(), times);
        for (Map<String, Object> item : items) {
            String location = (String) item.get("name");
            assertTrue(names.contains(location), "name is the location's: " + location);
            assertTrue(((String) ((Map<?, ?>) item.get("review")).get("name")).startsWith(location + "/reviews/"));
        }
        assertTrue(items.stream().map(i -> i.get("name")).distinct().count() > 1, "merged across locations");
    }

    @Test
    void batchGetReviewsChecksItsBody() {
        String account = account(0);
        String location = account + "/locations/" + ((String) busiestLocationOf(account).get("name")).substring(10);
        assertBadRequest(batch(token, account, "{\"locationNames\": []}"), "location_names");
        assertBadRequest(batch(token, account, "{\"locationNames\": " + json(java.util.Collections.nCopies(51, location)) + "}"),
                "location_names");
        int reviews = ((Number) busiestLocationOf(account).get("totalReviewCount")).intValue();
        batch(token, account, "{\"locationNames\": [\"" + location + "\"], \"pageSize\": 51}").then().statusCode(200)
                .body("locationReviews", hasSize(Math.min(50, reviews)));
        assertBadRequest(batch(token, account, "{\"locationNames\": [\"" + location + "\"], \"pageSize\": -1}"), "page_size");
        assertBadRequest(batch(token, account, "{\"locationNames\": [\"" + location.replace(account, "accounts/1") + "\"]}"),
                "location_names");
        Response unknownField = batch(token, account, "{\"locationNames\": [\"" + location + "\"], \"size\": 5}");
        unknownField.then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", equalTo("Invalid JSON payload received. Unknown name \"size\": Cannot find field."));
        given().header("Authorization", "Bearer " + token).get("/v4/" + account + "/locations:batchGetReviews")
                .then().statusCode(404).body("error.status", equalTo("NOT_FOUND"));
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"locationNames\": [\"" + location + "\"], \"pageSize\": 1}")
                .post("/v4/" + account + "/locations%3AbatchGetReviews")
                .then().statusCode(200).body("locationReviews", hasSize(1));
    }

    // ---- query parameters ----------------------------------------------------------------------

    @Test
    void aQueryParameterGoogleCannotBindIsRefused() {
        String parent = (String) busiestLocation().get("v4Name");
        Response response = get(token, "/v4/" + parent + "/reviews", "pageSize", 5, "since", "2026-01-01");
        response.then().statusCode(400).body("error.status", equalTo("INVALID_ARGUMENT"))
                .body("error.message", equalTo("Invalid JSON payload received. Unknown name \"since\": Cannot bind query "
                        + "parameter. Field 'since' could not be found in request message."));
        get(token, "/v1/accounts", "readMask", "name").then().statusCode(400);
        get(token, "/v4/" + parent + "/reviews/AbFvOqAnyId", "pageSize", 5).then().statusCode(400);
        given().header("Authorization", "Bearer " + token).contentType("application/json").queryParam("pageSize", 5)
                .body("{\"locationNames\": []}").post("/v4/" + account(0) + "/locations:batchGetReviews")
                .then().statusCode(400).body("error.message", containsString("Unknown name \"pageSize\""));
    }

    @Test
    void fieldsBindByEitherNameAndSystemParametersAreTaken() {
        String parent = (String) busiestLocation().get("v4Name");
        get(token, "/v4/" + parent + "/reviews", "page_size", 2, "prettyPrint", "false", "fields", "reviews")
                .then().statusCode(200).body("reviews", hasSize(2));
        get(token, "/v1/" + account(1) + "/locations", "read_mask", "name", "page_size", 1).then().statusCode(200)
                .body("locations", hasSize(1));
    }

    // ---- authentication ------------------------------------------------------------------------

    @Test
    void aCallWithoutCredentialsIsUnauthenticated() {
        Response response = given().get("/v1/accounts");
        response.then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"https://accounts.google.com/\""));
        JsonPath body = response.jsonPath();
        assertEquals("UNAUTHENTICATED", body.getString("error.status"));
        assertTrue(body.getString("error.message").startsWith("Request is missing required authentication credential."));
        assertEquals("CREDENTIALS_MISSING", body.getString("error.details[0].reason"));
        assertEquals("required", body.getString("error.errors[0].reason"));
    }

    @Test
    void anUnknownTokenIsUnauthenticated() {
        Response response = get("ya29.not-a-token", "/v1/accounts");
        response.then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""))
                .body("error.code", equalTo(401)).body("error.status", equalTo("UNAUTHENTICATED"))
                .body("error.message", equalTo(GoogleErrors.INVALID_CREDENTIALS))
                .body("error.errors[0].reason", equalTo("authError"))
                .body("error.errors[0].location", equalTo("Authorization"));
        given().queryParam("access_token", token).get("/v1/accounts").then().statusCode(200);
    }

    @Test
    void aTokenWithoutTheBusinessScopeIsForbidden() {
        String emailOnly = given().body("{\"scope\": \"email\"}").post("/emulator/tokens").then().statusCode(200)
                .extract().path("access_token");
        get(emailOnly, "/v1/accounts").then().statusCode(403).body("error.status", equalTo("PERMISSION_DENIED"))
                .body("error.message", equalTo("Request had insufficient authentication scopes."))
                .body("error.details[0].reason", equalTo("ACCESS_TOKEN_SCOPE_INSUFFICIENT"))
                .body("error.details[0].domain", equalTo("googleapis.com"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    static void assertBadRequest(Response response, String field) {
        response.then().statusCode(400);
        JsonPath body = response.jsonPath();
        assertEquals(400, body.getInt("error.code"));
        assertEquals("INVALID_ARGUMENT", body.getString("error.status"));
        assertEquals("type.googleapis.com/google.rpc.BadRequest", body.getString("error.details[0].'@type'"));
        assertEquals(field, body.getString("error.details[0].fieldViolations[0].field"));
        assertNotNull(body.getString("error.details[0].fieldViolations[0].description"));
    }

    static void assertNotFound(Response response) {
        response.then().statusCode(404).contentType(containsString("application/json"))
                .body("error.code", equalTo(404)).body("error.status", equalTo("NOT_FOUND"))
                .body("error.message", equalTo("Requested entity was not found."))
                .body("error.errors[0].reason", equalTo("notFound"));
    }

    static void assertNoNulls(String json) {
        assertFalse(json.contains(":null"), "proto3 JSON never sends null: " + json.substring(0, Math.min(300, json.length())));
        assertFalse(json.contains("\"\""), "nor empty strings");
    }

    private static List<Integer> stars(Response response) {
        List<String> names = List.of("ONE", "TWO", "THREE", "FOUR", "FIVE");
        return response.jsonPath().<Map<String, Object>>getList("reviews").stream()
                .map(r -> names.indexOf((String) r.get("starRating")) + 1).toList();
    }

    private static String account(int index) {
        return (String) truthAccounts().get(index).get("name");
    }

    private static List<Map<String, Object>> verifiedLocationsWithReviews() {
        return truthLocations().stream()
                .filter(l -> (Boolean) l.get("verified") && ((Number) l.get("totalReviewCount")).intValue() > 0).toList();
    }

    private static Map<String, Object> busiestLocation() {
        return verifiedLocationsWithReviews().stream()
                .max(Comparator.comparingInt(l -> ((Number) l.get("totalReviewCount")).intValue())).orElseThrow();
    }

    private static Map<String, Object> busiestLocationOf(String account) {
        return verifiedLocationsWithReviews().stream().filter(l -> ((List<?>) l.get("accounts")).contains(account))
                .max(Comparator.comparingInt(l -> ((Number) l.get("totalReviewCount")).intValue())).orElseThrow();
    }

    private static String json(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
