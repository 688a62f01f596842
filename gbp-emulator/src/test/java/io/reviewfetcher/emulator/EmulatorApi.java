package io.reviewfetcher.emulator;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** Calls a test makes the way a pipeline would: a token from the admin path, then Google's paths. */
public final class EmulatorApi {

    private EmulatorApi() {
    }

    public static String mintToken() {
        return given().post("/emulator/tokens").then().statusCode(200).extract().path("access_token");
    }

    public static Map<String, Object> mintTokens() {
        return given().post("/emulator/tokens").then().statusCode(200).extract().as(Map.class);
    }

    public static Response get(String token, String path, Object... queryPairs) {
        var request = given().header("Authorization", "Bearer " + token);
        for (int i = 0; i < queryPairs.length; i += 2) {
            request = request.queryParam((String) queryPairs[i], queryPairs[i + 1]);
        }
        return request.get(path);
    }

    public static Response batch(String token, String account, String body) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body(body)
                .post("/v4/" + account + "/locations:batchGetReviews");
    }

    /** The body as maps and lists (Jackson; much faster than RestAssured's Groovy JsonPath on big bodies). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Response response) {
        return response.as(Map.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> truth() {
        return given().get("/emulator/truth").then().statusCode(200).extract().as(Map.class);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> truthLocations() {
        return (List<Map<String, Object>>) truth().get("locations");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> truthAccounts() {
        return (List<Map<String, Object>>) truth().get("accounts");
    }

    public static Map<String, Object> stats() {
        return given().get("/emulator/stats").then().statusCode(200).extract().as(Map.class);
    }

    public static void reset() {
        given().post("/emulator/reset").then().statusCode(200);
    }
}
