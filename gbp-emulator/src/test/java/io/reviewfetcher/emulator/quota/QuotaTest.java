package io.reviewfetcher.emulator.quota;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.reviewfetcher.emulator.EmulatorApi;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One budget of QPM calls per rolling minute for the whole project, however many callers. */
@QuarkusTest
class QuotaTest {

    /** Small, so that a test exhausts it in milliseconds; set per test through the admin path. */
    private static final int QPM = 20;

    @Inject
    EmulatorClock clock;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;
    private List<String> paths;

    @BeforeEach
    void setUp() {
        EmulatorApi.reset();
        quota(QPM);
        token = EmulatorApi.mintToken();
        String account = (String) EmulatorApi.truthAccounts().get(0).get("name");
        String location = (String) EmulatorApi.truthLocations().stream()
                .filter(l -> (Boolean) l.get("verified")).findFirst().orElseThrow().get("v4Name");
        // Calls spread over three APIs: the budget is shared by all of them.
        paths = List.of("v1/accounts", "v1/" + account + "/locations?readMask=name", "v4/" + location + "/reviews");
    }

    @Test
    void manyThreadsFiringMoreThanTheQuotaGetExactlyTheQuotaAndThen429s() throws Exception {
        int calls = QPM * 3;
        List<Integer> statuses = fire(calls, 12);

        assertEquals(QPM, statuses.stream().filter(s -> s == 200).count(), "successes: " + statuses);
        assertEquals(calls - QPM, statuses.stream().filter(s -> s == 429).count(), "429s: " + statuses);

        Map<String, Object> stats = EmulatorApi.stats();
        assertEquals(QPM, ((Number) stats.get("peakAdmittedIn60s")).intValue());
        assertEquals(calls, ((Number) stats.get("peakCallsIn60s")).intValue());
        assertEquals(calls - QPM, ((Number) stats.get("quotaRejections")).intValue());
        assertEquals(calls - QPM, ((Number) stats.get("tooManyRequests")).intValue());
        assertEquals(calls, ((Number) stats.get("googleApiCalls")).intValue());
    }

    @Test
    void a429CarriesGooglesQuotaErrorBody() {
        fireSequentially(QPM);
        var response = given().header("Authorization", "Bearer " + token).get("/v1/accounts");
        response.then().statusCode(429);
        JsonPath body = response.jsonPath();
        assertEquals(429, body.getInt("error.code"));
        assertEquals("RESOURCE_EXHAUSTED", body.getString("error.status"));
        assertEquals("Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service "
                + "'mybusinessaccountmanagement.googleapis.com' for consumer 'project_number:123456789012'.",
                body.getString("error.message"));
        assertEquals("type.googleapis.com/google.rpc.ErrorInfo", body.getString("error.details[0].'@type'"));
        assertEquals("RATE_LIMIT_EXCEEDED", body.getString("error.details[0].reason"));
        assertEquals("googleapis.com", body.getString("error.details[0].domain"));
        assertEquals("projects/123456789012", body.getString("error.details[0].metadata.consumer"));
        assertEquals("mybusinessaccountmanagement.googleapis.com", body.getString("error.details[0].metadata.service"));
        assertEquals(Integer.toString(QPM), body.getString("error.details[0].metadata.quota_limit_value"));
        assertEquals("mybusinessaccountmanagement.googleapis.com/default_requests",
                body.getString("error.details[0].metadata.quota_metric"));
        assertEquals("rateLimitExceeded", body.getString("error.errors[0].reason"));
        assertEquals(null, response.getHeader("Retry-After"), "Google documents no Retry-After");
    }

    @Test
    void theWindowSlidesInsteadOfResettingEveryMinute() {
        fireSequentially(QPM / 2);
        clock.advance(Duration.ofSeconds(30));
        fireSequentially(QPM / 2);
        assertEquals(429, call(paths.get(0)), "budget spent within 60 s");

        clock.advance(Duration.ofSeconds(30));
        // The first half left the window; the second half (30 s old) still counts.
        fireSequentially(QPM / 2);
        assertEquals(429, call(paths.get(0)));
        assertEquals(QPM, ((Number) EmulatorApi.stats().get("peakAdmittedIn60s")).intValue());
    }

    @Test
    void oauthEndpointsAndRejectedCredentialsAreNotCharged() {
        fireSequentially(QPM);
        given().queryParam("access_token", token).get("/tokeninfo").then().statusCode(200);
        given().post("/emulator/tokens").then().statusCode(200);
        given().header("Authorization", "Bearer nope").get("/v1/accounts").then().statusCode(401);
        assertEquals(QPM, ((Number) EmulatorApi.stats().get("admittedInLast60s")).intValue());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(200, call(paths.get(0)), "a new window, a new budget");
    }

    @AfterEach
    void restoreConfiguredQuota() {
        EmulatorApi.reset();
    }

    @Test
    void aProjectNotYetApprovedGets429OnTheVeryFirstCallButOAuthStillWorks() {
        quota(0);
        given().header("Authorization", "Bearer " + token).get("/v1/accounts").then().statusCode(429)
                .body("error.status", equalTo("RESOURCE_EXHAUSTED"))
                .body("error.details[0].reason", equalTo("RATE_LIMIT_EXCEEDED"))
                .body("error.details[0].metadata.quota_limit_value", equalTo("0"));
        given().queryParam("access_token", token).get("/tokeninfo").then().statusCode(200);
        given().get("/emulator/stats").then().body("peakAdmittedIn60s", equalTo(0)).body("quotaRejections", equalTo(1))
                .body("quota.qpm", equalTo(0)).body("quota.enabled", equalTo(true));
    }

    @Test
    void resetReturnsToTheConfiguredQuota() {
        EmulatorApi.reset();
        given().get("/emulator/quota").then().body("qpm", equalTo(-1));
        fireSequentially(QPM * 2);
    }

    private static void quota(int qpm) {
        given().contentType("application/json").body("{\"qpm\": " + qpm + "}").put("/emulator/quota")
                .then().statusCode(200).body("qpm", equalTo(qpm));
    }

    private void fireSequentially(int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(200, call(paths.get(i % paths.size())));
        }
    }

    private int call(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** {@code calls} requests from {@code threads} threads released together. */
    private List<Integer> fire(int calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String path = paths.get(i % paths.size());
                Callable<Integer> task = () -> {
                    start.await();
                    return call(path);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
