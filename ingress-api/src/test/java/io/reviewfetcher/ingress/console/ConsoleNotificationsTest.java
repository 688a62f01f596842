package io.reviewfetcher.ingress.console;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestClients;
import io.reviewfetcher.ingress.support.TestEnvironment;
import io.reviewfetcher.support.notifications.NotificationKeys;
import io.reviewfetcher.support.notifications.NotificationState;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console's notifications section over HTTP: the operator's session turns a client's notifications on or off with the
 * same job as the public API (on fetch-accounts), a change needs the console's header, and the states are read back.
 */
@QuarkusTest
@TestProfile(ConsoleTest.WithAdminKey.class)
class ConsoleNotificationsTest {

    @Inject
    RedisDataSource redis;

    private final String clientId = TestClients.fresh();

    @AfterEach
    void deleteTheClientsStates() {
        redis.key(String.class).del(NotificationKeys.client(clientId));
    }

    private static String session() {
        return given().redirects().follow(false).formParam("key", ConsoleTest.ADMIN_KEY).post("/console/login")
                .getCookie(ConsoleSessions.COOKIE);
    }

    @Test
    void anOperatorTurnsAClientsNotificationsOnAndOffWithTheJobsOfThePublicApi() {
        String session = session();
        given().cookie(ConsoleSessions.COOKIE, session).post("/console/api/notifications/" + clientId + "/on").then()
                .statusCode(403).body("type", containsString("console-request"));

        for (boolean on : List.of(true, false)) {
            Instant before = Instant.now().minusSeconds(1);
            String jobId = given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1")
                    .post("/console/api/notifications/" + clientId + (on ? "/on" : "/off")).then().statusCode(202)
                    .body("status", is("queued")).extract().path("job_id");
            List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, before, 1,
                    Duration.ofSeconds(20));
            FetchAccounts job = EventCodec.decode(records.get(0).value(), FetchAccounts.class);
            assertEquals(on, job.notifications());
            assertEquals("client:" + clientId, job.credential());
        }
    }

    @Test
    void theStatesAreReadAsThePublicApiAnswersThem() {
        redis.hash(String.class).hset(NotificationKeys.client(clientId), "111",
                NotificationState.on("projects/p/topics/t", List.of("NEW_REVIEW"), Instant.parse("2026-12-01T10:00:00Z")).toJson());
        given().cookie(ConsoleSessions.COOKIE, session()).get("/console/api/notifications/" + clientId).then().statusCode(200)
                .body("client_id", is(clientId)).body("accounts[0].account_id", is("111")).body("accounts[0].state", is("on"));
    }

    @Test
    void anUnknownClientIs404AndABadIdIs400() {
        String session = session();
        given().cookie(ConsoleSessions.COOKIE, session).get("/console/api/notifications/no-such-client-" + TestEnvironment.randomHex(4))
                .then().statusCode(404).body("type", containsString("client-not-found"));
        given().cookie(ConsoleSessions.COOKIE, session).header(ConsoleGuard.REQUEST_HEADER, "1")
                .post("/console/api/notifications/bad%20id/on").then().statusCode(400).body("errors[0].field", is("client_id"));
    }

    @Test
    void thePageHasTheSection() {
        given().cookie(ConsoleSessions.COOKIE, session()).get("/console/").then().statusCode(200)
                .body(containsString("<label for=\"notifications-client\">Notifications client id</label>"))
                .body(containsString("id=\"notifications-on\""));
    }
}
