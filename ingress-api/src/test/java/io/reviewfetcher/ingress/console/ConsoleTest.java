package io.reviewfetcher.ingress.console;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.reviewfetcher.ingress.schedules.NewSchedule;
import io.reviewfetcher.ingress.schedules.Schedule;
import io.reviewfetcher.ingress.schedules.ScheduleStore;
import io.reviewfetcher.ingress.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's login, session cookie and guard over HTTP. What the console shows and does is the browser test's
 * (system-tests ConsoleIT, against the live stack).
 */
@QuarkusTest
@TestProfile(ConsoleTest.WithAdminKey.class)
class ConsoleTest {

    static final String ADMIN_KEY = TestEnvironment.randomHex(24);

    @Inject
    ScheduleStore schedules;

    public static class WithAdminKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("api-keys.admin", ADMIN_KEY, "ingress.console.workers", "review-worker=http://127.0.0.1:1");
        }
    }

    private static String session() {
        Response login = given().redirects().follow(false).formParam("key", ADMIN_KEY).post("/console/login");
        assertEquals(303, login.statusCode());
        return login.getCookie(ConsoleSessions.COOKIE);
    }

    @Test
    void withoutASessionThePageIsTheLoginForm() {
        given().get("/console/").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<label for=\"key\">Admin key</label>"))
                .body(not(containsString("console.js")));
        given().get("/console").then().statusCode(200).body(containsString("Admin key"));
    }

    @Test
    void aWrongKeyIsRefusedWithoutASession() {
        Response refused = given().redirects().follow(false).formParam("key", "wrong-key-0123456789abcdef").post("/console/login");
        assertEquals(401, refused.statusCode());
        assertNull(refused.getCookie(ConsoleSessions.COOKIE));
        assertTrue(refused.asString().contains("not the admin key"));
        assertFalse(refused.asString().contains("wrong-key-0123456789abcdef"), "the page does not repeat the key");
    }

    @Test
    void theAdminKeyGivesAnHttpOnlySameSiteStrictSessionHoldingNoKey() {
        Response login = given().redirects().follow(false).formParam("key", ADMIN_KEY).post("/console/login");
        assertEquals(303, login.statusCode());
        String setCookie = login.getHeader("Set-Cookie");
        assertTrue(setCookie.startsWith(ConsoleSessions.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        assertTrue(setCookie.contains("Path=/console"), setCookie);
        assertFalse(setCookie.contains(ADMIN_KEY));

        String page = given().cookie(ConsoleSessions.COOKIE, login.getCookie(ConsoleSessions.COOKIE)).get("/console/")
                .then().statusCode(200).body(containsString("console.js")).extract().asString();
        assertFalse(page.contains(ADMIN_KEY));
    }

    @Test
    void theConsoleApiNeedsASessionAndItsChangesTheConsolesHeader() {
        given().get("/console/api/workers").then().statusCode(401).body("type", containsString("console-login"));
        given().cookie(ConsoleSessions.COOKIE, "v1.99999999999.forged").get("/console/api/workers").then().statusCode(401);

        String session = session();
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/workers").then().statusCode(200)
                .body("[0].worker", containsString("review-worker"))
                .body("[0].problem", containsString("does not answer"));
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/jobs").then().statusCode(200).body("jobs", org.hamcrest.Matchers.notNullValue());
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/jobs?status=done").then().statusCode(400)
                .body("errors[0].field", is("status"));
        given().cookie(ConsoleSessions.COOKIE, session).contentType("application/json")
                .body("{\"worker\":\"review-worker\",\"url\":\"http://127.0.0.1:1\"}")
                .post("/console/api/workers/pause").then().statusCode(403).body("type", containsString("console-request"));
        given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1").contentType("application/json")
                .body("{\"worker\":\"review-worker\",\"url\":\"http://169.254.169.254\"}")
                .post("/console/api/workers/pause").then().statusCode(404);
    }

    @Test
    void aScheduleIsPausedAndResumedFromTheConsole() {
        Schedule created = schedules.create(new NewSchedule("console-test-" + TestEnvironment.randomHex(4), null, null, null,
                Duration.ofDays(1), true)).await().atMost(Duration.ofSeconds(10));
        String session = session();
        String paused = "find { it.schedule.id == '" + created.id() + "' }.schedule.paused";
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/schedules").then().statusCode(200).body(paused, is(true));
        try {
            given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1")
                    .post("/console/api/schedules/" + created.id() + "/resume").then().statusCode(200).body("paused", is(false));
            given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/schedules").then().statusCode(200).body(paused, is(false));
        } finally {
            given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1")
                    .post("/console/api/schedules/" + created.id() + "/pause").then().statusCode(200).body("paused", is(true));
            schedules.delete(created.id()).await().atMost(Duration.ofSeconds(10));
        }
        given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1")
                .post("/console/api/schedules/" + created.id() + "/pause").then().statusCode(404);
    }

    @Test
    void logoutEndsTheSessionInTheBrowser() {
        Response out = given().redirects().follow(false).cookie(ConsoleSessions.COOKIE, session()).post("/console/logout");
        assertEquals(303, out.statusCode());
        assertTrue(out.getHeader("Set-Cookie").contains("Max-Age=0"), out.getHeader("Set-Cookie"));
    }

    @Test
    void thePageAssetsAreServedFromTheJarAndNothingElse() {
        given().get("/console/assets/console.js").then().statusCode(200).contentType(containsString("text/javascript"));
        given().get("/console/assets/console.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/console/assets/application.properties").then().statusCode(404);
    }
}
