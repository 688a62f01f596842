package io.reviewfetcher.ingress.notifications;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.TaskIds;
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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Turning a managed client's notifications on and off over HTTP, against the real Kafka and Redis: a job like a
 * submission (202, on fetch-accounts with notifications set, its status and its place in the job list), the same key
 * rules (401, 403), an unknown client 404, and each account's state read back from Redis. Each test's client is its own
 * ({@link TestClients#fresh()}), and so are the Redis keys it writes, deleted after.
 */
@QuarkusTest
class NotificationsApiTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    RedisDataSource redis;

    private final String clientId = TestClients.fresh();

    @AfterEach
    void deleteTheClientsStates() {
        redis.key(String.class).del(NotificationKeys.client(clientId));
    }

    private static String path(String clientId) {
        return "/api/v1/clients/" + clientId + "/notifications";
    }

    private static FetchAccounts jobOnFetchAccounts(String jobId, Instant since) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, since, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size(), "one fetch_accounts record keyed by the job id");
        return EventCodec.decode(records.get(0).value(), FetchAccounts.class);
    }

    @Test
    void turningOnIsAJobOnFetchAccountsThatSetsNotificationsAndIsFollowedLikeAnyJob() {
        Instant before = Instant.now().minusSeconds(1);
        Response response = given().header("X-API-Key", TestEnvironment.API_KEY).post(path(clientId));
        response.then().statusCode(202).contentType(ContentType.JSON)
                .body("job_id", matchesPattern(UUID))
                .body("status", is("queued"))
                .header("Location", endsWith("/api/v1/review-fetch/" + response.path("job_id")));
        String jobId = response.path("job_id");
        response.then().body("status_url", is("/api/v1/review-fetch/" + jobId));

        FetchAccounts job = jobOnFetchAccounts(jobId, before);
        assertEquals(Boolean.TRUE, job.notifications());
        assertEquals("client:" + clientId, job.credential());
        assertNull(job.accountIds(), "every account of the client");
        assertNull(job.locationIds());
        assertEquals(1, job.pageNumber());

        List<JobEvent> submitted = KafkaTopics.recordsByKey(Topics.JOB_EVENTS, jobId, before, 1, Duration.ofSeconds(20)).stream()
                .map(record -> EventCodec.decode(record.value(), JobEvent.class))
                .filter(event -> event.taskId().equals(TaskIds.SUBMISSION)).toList();
        assertEquals(List.of(TaskIds.ACCOUNTS), submitted.get(0).spawnedTaskIds());

        given().get("/api/v1/review-fetch/" + jobId).then().statusCode(200).body("job_id", is(jobId)).body("client_id", is(clientId));
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("client_id", clientId).get("/api/v1/review-fetch")
                .then().statusCode(200).body("jobs.job_id", hasItem(jobId));
    }

    @Test
    void turningOffIsTheSameJobWithNotificationsFalseNarrowedToTheNamedAccounts() {
        Instant before = Instant.now().minusSeconds(1);
        String jobId = given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("account_id", "111", "222", "111")
                .delete(path(clientId)).then().statusCode(202).body("status", is("queued")).extract().path("job_id");

        FetchAccounts job = jobOnFetchAccounts(jobId, before);
        assertEquals(Boolean.FALSE, job.notifications());
        assertEquals(List.of("111", "222"), job.accountIds(), "named accounts only, once each");
        assertEquals("client:" + clientId, job.credential());
    }

    @Test
    void eachAccountsStateIsReadFromRedisByAccountId() {
        given().header("X-API-Key", TestEnvironment.API_KEY).get(path(clientId)).then().statusCode(200)
                .body("client_id", is(clientId)).body("accounts.size()", is(0));

        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        String key = NotificationKeys.client(clientId);
        redis.hash(String.class).hset(key, "222", NotificationState.failed(at, "Google refused the notification setting: 403 PERMISSION_DENIED").toJson());
        redis.hash(String.class).hset(key, "111", NotificationState.on("projects/p/topics/t", List.of("NEW_REVIEW", "UPDATED_REVIEW"), at).toJson());
        redis.hash(String.class).hset(key, "333", NotificationState.off(at, null).toJson());
        redis.hash(String.class).hset(key, "444", "not a state");

        given().header("X-API-Key", TestEnvironment.API_KEY).get(path(clientId)).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("client_id", is(clientId))
                .body("accounts.account_id", is(List.of("111", "222", "333")))
                .body("accounts[0].state", is("on"))
                .body("accounts[0].pubsub_topic", is("projects/p/topics/t"))
                .body("accounts[0].notification_types", is(List.of("NEW_REVIEW", "UPDATED_REVIEW")))
                .body("accounts[0].updated_at", is("2026-12-01T10:00:00Z"))
                .body("accounts[1].state", is("failed"))
                .body("accounts[1].reason", is("Google refused the notification setting: 403 PERMISSION_DENIED"))
                .body("accounts[1].pubsub_topic", nullValue())
                .body("accounts[2].state", is("off"));
    }

    @Test
    void withoutAKeyEveryCallIs401() {
        given().post(path(clientId)).then().statusCode(401).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        given().delete(path(clientId)).then().statusCode(401);
        given().get(path(clientId)).then().statusCode(401);
        given().header("X-API-Key", "not-" + TestEnvironment.API_KEY).post(path(clientId)).then().statusCode(401)
                .body("detail", not(org.hamcrest.Matchers.containsString(TestEnvironment.API_KEY)));
    }

    @Test
    void aKeyScopedToOtherClientsIs403AndLearnsNothingOfWhetherTheClientExists() {
        for (String client : List.of(clientId, "no-such-client-" + TestEnvironment.randomHex(4))) {
            for (Response refused : List.of(
                    given().header("X-API-Key", TestEnvironment.ACME_API_KEY).post(path(client)),
                    given().header("X-API-Key", TestEnvironment.ACME_API_KEY).delete(path(client)),
                    given().header("X-API-Key", TestEnvironment.ACME_API_KEY).get(path(client)))) {
                refused.then().statusCode(403).body("type", is("https://review-fetcher.io/problems/client-not-allowed"))
                        .body("detail", is("this X-API-Key is not allowed for client_id " + client));
            }
        }
    }

    @Test
    void aClientTokenServiceDoesNotHaveIs404() {
        String unknown = "no-such-client-" + TestEnvironment.randomHex(4);
        for (Response refused : List.of(
                given().header("X-API-Key", TestEnvironment.API_KEY).post(path(unknown)),
                given().header("X-API-Key", TestEnvironment.API_KEY).delete(path(unknown)),
                given().header("X-API-Key", TestEnvironment.API_KEY).get(path(unknown)))) {
            refused.then().statusCode(404).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("type", is("https://review-fetcher.io/problems/client-not-found"));
        }
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().header("X-API-Key", TestEnvironment.API_KEY).post(path("not a client!")).then().statusCode(400)
                .body("errors[0].field", is("client_id"));
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("account_id", "accounts/1").post(path(clientId))
                .then().statusCode(422).body("errors[0].field", is("account_id[0]"));
        // A submitter's own Google token cannot be notified: its pushes could not be routed to a client.
        given().header("X-API-Key", TestEnvironment.API_KEY).header("Authorization", "Bearer ya29.not-a-real-token")
                .post(path(clientId)).then().statusCode(422).body("errors[0].field", is("Authorization"))
                .body("detail", not(org.hamcrest.Matchers.containsString("ya29")));
    }

    @Test
    void theThreeCallsAreDocumented() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/clients/{client_id}/notifications'.post.responses.'202'", notNullValue())
                .body("paths.'/api/v1/clients/{client_id}/notifications'.post.responses.'404'", notNullValue())
                .body("paths.'/api/v1/clients/{client_id}/notifications'.delete.responses.'202'", notNullValue())
                .body("paths.'/api/v1/clients/{client_id}/notifications'.get.responses.'200'", notNullValue())
                .body("components.schemas.ClientNotifications.properties.accounts", notNullValue())
                .body("components.schemas.AccountNotifications.properties.notification_types", notNullValue());
    }
}
