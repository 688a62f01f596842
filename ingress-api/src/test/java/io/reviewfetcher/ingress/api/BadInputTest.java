package io.reviewfetcher.ingress.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every bad input gets the right 4xx with an RFC 9457 problem body that names the field, never a 5xx.
 * None of these reaches token-service or the broker.
 */
@QuarkusTest
class BadInputTest {

    private static final String SUBMIT = "/api/v1/review-fetch";
    private static final String BULK = "/api/v1/review-fetch/bulk";
    private static final String KEY = TestEnvironment.API_KEY;

    static Stream<Arguments> badSubmissions() {
        return Stream.of(
                arguments("malformed JSON", "{\"client_id\":", KEY, 400, null),
                arguments("empty body", "", KEY, 400, null),
                arguments("whitespace body", "  \n ", KEY, 400, null),
                arguments("JSON null", "null", KEY, 400, null),
                arguments("an array, not an object", "[{\"client_id\":\"acme\"}]", KEY, 400, null),
                arguments("a string, not an object", "\"acme\"", KEY, 400, null),
                arguments("client_id a number", "{\"client_id\":12}", KEY, 400, "client_id"),
                arguments("access_token an object", "{\"access_token\":{\"t\":1}}", KEY, 400, "access_token"),
                arguments("account_ids a string", "{\"client_id\":\"acme\",\"account_ids\":\"123\"}", KEY, 400, "account_ids"),
                arguments("account id a number", "{\"client_id\":\"acme\",\"account_ids\":[123]}", KEY, 400, "account_ids[0]"),
                arguments("location_ids an object", "{\"client_id\":\"acme\",\"location_ids\":{}}", KEY, 400, "location_ids"),
                arguments("mode a number", "{\"client_id\":\"acme\",\"mode\":1}", KEY, 400, "mode"),
                arguments("unknown field", "{\"client_id\":\"acme\",\"acount_ids\":[\"1\"]}", KEY, 400, "acount_ids"),
                arguments("duplicate key", "{\"client_id\":\"acme\",\"client_id\":\"other\"}", KEY, 400, null),
                arguments("trailing content", "{\"client_id\":\"acme\"} {}", KEY, 400, null),
                arguments("unknown mode", "{\"client_id\":\"acme\",\"mode\":\"partial\"}", KEY, 422, "mode"),
                arguments("prefixed account id", "{\"client_id\":\"acme\",\"account_ids\":[\"accounts/1\"]}", KEY, 422, "account_ids[0]"),
                arguments("null account id", "{\"client_id\":\"acme\",\"account_ids\":[\"1\",null]}", KEY, 422, "account_ids[1]"),
                arguments("empty location_ids", "{\"client_id\":\"acme\",\"location_ids\":[]}", KEY, 422, "location_ids"),
                arguments("client_id with spaces", "{\"client_id\":\"acme corp\"}", KEY, 422, "client_id"),
                arguments("two credentials", "{\"client_id\":\"acme\",\"access_token\":\"ya29.abc\"}", KEY, 422, "client_id"),
                arguments("no credential", "{}", KEY, 401, null),
                arguments("blank access token", "{\"access_token\":\"\"}", null, 401, null),
                arguments("access token with spaces", "{\"access_token\":\"ya29 abc\"}", null, 401, null),
                arguments("client job without API key", "{\"client_id\":\"acme\"}", null, 401, null),
                arguments("client job with a wrong API key", "{\"client_id\":\"acme\"}", "wrong-key", 401, null));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badSubmissions")
    void badSubmissionIsAProblem(String name, String body, String apiKey, int status, String field) {
        RequestSpecification request = given().contentType("application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        assertProblem(request.body(body).post(SUBMIT), status, field);
    }

    @ParameterizedTest(name = "Authorization: {0} -> 401")
    @MethodSource("badAuthorizations")
    void badAuthorizationHeaderIsUnauthorized(String authorization) {
        assertProblem(given().contentType("application/json").header("Authorization", authorization).body("{}").post(SUBMIT), 401, null);
    }

    static Stream<String> badAuthorizations() {
        return Stream.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "ya29.token-without-scheme", "Bearer two words");
    }

    @ParameterizedTest(name = "huge body of {0} bytes -> 413")
    @MethodSource("hugeBodies")
    void hugeBodyIsTooLarge(int size, String path) {
        String body = "{\"client_id\":\"" + "a".repeat(size) + "\"}";
        assertProblem(given().contentType("application/json").header("X-API-Key", KEY).body(body).post(path), 413, null);
    }

    static Stream<Arguments> hugeBodies() {
        return Stream.of(arguments(70_000, SUBMIT), arguments(9_000_000, BULK));
    }

    static Stream<Arguments> badBulks() {
        String thousandAndOne = "{\"submissions\":[" + String.join(",", java.util.Collections.nCopies(1001, "{\"client_id\":\"acme\"}")) + "]}";
        return Stream.of(
                arguments("empty body", "", 400, null),
                arguments("malformed JSON", "{\"submissions\":[", 400, null),
                arguments("an array, not an object", "[{\"client_id\":\"acme\"}]", 400, null),
                arguments("submissions missing", "{}", 422, "submissions"),
                arguments("submissions empty", "{\"submissions\":[]}", 422, "submissions"),
                arguments("submissions not an array", "{\"submissions\":{\"client_id\":\"acme\"}}", 400, "submissions"),
                arguments("unknown field", "{\"submissions\":[],\"priority\":1}", 400, "priority"),
                arguments("more than 1,000 items", thousandAndOne, 422, "submissions"));
    }

    @ParameterizedTest(name = "bulk: {0} -> {2}")
    @MethodSource("badBulks")
    void badBulkIsAProblem(String name, String body, int status, String field) {
        assertProblem(given().contentType("application/json").header("X-API-Key", KEY).body(body).post(BULK), status, field);
    }

    @ParameterizedTest(name = "GET {0} -> {1}")
    @MethodSource("badJobIds")
    void badJobIdIsAProblem(String jobId, int status) {
        assertProblem(given().get(SUBMIT + "/" + jobId), status, status == 400 ? "job_id" : null);
    }

    static Stream<Arguments> badJobIds() {
        return Stream.of(arguments(UUID.randomUUID().toString(), 404), arguments("not-a-job", 400),
                arguments("123", 400), arguments(UUID.randomUUID() + "x", 400));
    }

    @org.junit.jupiter.api.Test
    void wrongMediaTypeAndMethodAreProblems() {
        assertProblem(given().contentType("text/plain").header("X-API-Key", KEY).body("{\"client_id\":\"acme\"}").post(SUBMIT), 415, null);
        assertProblem(given().contentType("application/json").body("{}").put(SUBMIT), 405, null);
        assertProblem(given().get("/api/v1/nothing-here"), 404, null);
    }

    private static void assertProblem(Response response, int status, String field) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", is(status))
                .body("type", startsWith("https://review-fetcher.io/problems/"))
                .body("title", notNullValue())
                .body("detail", notNullValue());
        if (field != null) {
            response.then().body("errors.field", hasItem(field));
        }
    }
}
