package io.reviewfetcher.ingress.push;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewNotification;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.GoogleKeys;
import io.reviewfetcher.ingress.support.GooglePushProfile;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.LogCapture;
import io.reviewfetcher.ingress.support.StubTokenService;
import io.reviewfetcher.ingress.support.TestEnvironment;
import io.reviewfetcher.support.notifications.NotificationKeys;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google's review notifications end to end in ingress-api, against the real broker and Redis: a push of our subscription
 * becomes a job of one task on fetch-reviews (keyed by location) with its submitted event, its status and its place in the
 * client's job list; a redelivery publishes nothing more; a token that is not our subscription's, an account no client has
 * notifications on, another type and a malformed body publish nothing. "Nothing" is shown without waiting out a timeout:
 * after the pushes that must publish nothing, a valid push for the same location (the fence) is published, and it must be
 * the only new record under that key (one producer, one partition per key: anything published before it comes first).
 */
@QuarkusTest
@TestProfile(GooglePushProfile.class)
class GooglePushTest {

    private static final String PATH = GooglePushResource.PATH;
    private static final String SUBSCRIPTION = "projects/rf-test/subscriptions/review-notifications";
    private static final GoogleKeys KEYS = GoogleKeys.shared();

    @Inject
    RedisDataSource redis;

    private final List<String> routes = new ArrayList<>();

    @AfterEach
    void removeRoutes() {
        routes.forEach(key -> redis.key().del(key));
        StubTokenService.get().reset();
    }

    /** A Google account whose notifications a new client has on: its route, as account-worker writes it. */
    private String managedAccount(String clientId) {
        String account = digits();
        redis.value(String.class).set(NotificationKeys.route(account), clientId);
        routes.add(NotificationKeys.route(account));
        return account;
    }

    private static String digits() {
        return Long.toString(1_000_000_000L + (long) (Math.random() * 8_000_000_000L));
    }

    private static String review(String type, String account, String location, String reviewId) {
        return "{\"type\":\"" + type + "\",\"reviewName\":\"accounts/" + account + "/locations/" + location + "/reviews/" + reviewId
                + "\",\"locationName\":\"accounts/" + account + "/locations/" + location + "\"}";
    }

    private static String envelope(String data, String messageId, Instant publishTime) {
        return PushEnvelopeReaderTest.envelope(PushEnvelopeReaderTest.base64(data), messageId, publishTime.toString(), SUBSCRIPTION);
    }

    private static Response push(String token, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.post(PATH);
    }

    /** Pushes a valid notification of the location and returns its message id, once answered 204. */
    private String fence(String account, String location) {
        String messageId = digits();
        push(KEYS.token(), envelope(review("NEW_REVIEW", account, location, "fence"), messageId, Instant.now())).then().statusCode(204);
        return messageId;
    }

    /** The fetch_review_change records under the location's key since {@code since}, read until the fence's is among them. */
    private static List<FetchReviewChange> publishedUpToFence(String location, Instant since, String fenceMessageId) {
        List<FetchReviewChange> found = new ArrayList<>();
        for (int expected = 1; expected < 10; expected++) {
            found = KafkaTopics.recordsByKey(Topics.FETCH_REVIEWS, location, since, expected, Duration.ofSeconds(20)).stream()
                    .map(record -> EventCodec.decode(record.value(), FetchReviewChange.class)).toList();
            if (found.size() < expected || found.stream().anyMatch(change -> change.messageId().equals(fenceMessageId))) {
                return found;
            }
        }
        return found;
    }

    private static double received(String outcome) {
        Matcher matcher = Pattern.compile("ingress_notifications_received_total\\{outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void aPushOfOurSubscriptionBecomesAJobOfOneTaskAndItsRedeliveryNothingMore() {
        String client = "push-" + TestEnvironment.randomHex(6);
        String account = managedAccount(client);
        String location = digits();
        String messageId = digits();
        Instant publishTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3);
        Instant before = Instant.now().minusSeconds(1);
        double accepted = received("accepted");
        double duplicates = received("duplicate");
        String body = envelope(review("UPDATED_REVIEW", account, location, "Rev-1"), messageId, publishTime);

        push(KEYS.token(), body).then().statusCode(204);

        String jobId = PushJobIds.of(SUBSCRIPTION, messageId);
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_REVIEWS, location, before, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size(), "one fetch_review_change keyed by the location id");
        FetchReviewChange change = EventCodec.decode(records.get(0).value(), FetchReviewChange.class);
        assertEquals(jobId, change.jobId());
        assertEquals("client:" + client, change.credential());
        assertEquals(List.of(account, location, "Rev-1"), List.of(change.accountId(), change.locationId(), change.reviewId()));
        assertEquals(ReviewNotification.UPDATED_REVIEW, change.notification());
        assertEquals(messageId, change.messageId());
        assertEquals(publishTime, change.publishedAt());
        assertEquals(0, change.attempt());

        List<JobEvent> submissions = KafkaTopics.recordsByKey(Topics.JOB_EVENTS, jobId, before, 1, Duration.ofSeconds(20)).stream()
                .map(record -> EventCodec.decode(record.value(), JobEvent.class))
                .filter(event -> event.taskId().equals(TaskIds.SUBMISSION)).toList();
        assertEquals(1, submissions.size(), "its submitted event on job-events");
        assertEquals(List.of(TaskIds.reviewChange("Rev-1")), submissions.get(0).spawnedTaskIds());

        // Its status, written at once: a job of one task, from a notification, for the account's client. (A review-worker
        // of a running local stack may already have taken it further, hence any status.)
        given().get("/api/v1/review-fetch/" + jobId).then().statusCode(200)
                .body("job_id", is(jobId))
                .body("status", oneOf("queued", "running", "completed", "completed_with_errors", "failed"))
                .body("client_id", is(client))
                .body("trigger", is("notification"))
                .body("counts.tasks_total", is(1));
        // And it is listed with the client's jobs.
        given().header("X-API-Key", TestEnvironment.API_KEY).queryParam("client_id", client).get("/api/v1/review-fetch")
                .then().statusCode(200).body("jobs.job_id", is(List.of(jobId)));

        // Pub/Sub delivers the message again: done before, nothing published again.
        push(KEYS.token(), body).then().statusCode(204);
        String fence = fence(account, location);
        List<FetchReviewChange> published = publishedUpToFence(location, before, fence);
        assertEquals(List.of(messageId, fence), published.stream().map(FetchReviewChange::messageId).toList());
        assertEquals(accepted + 2, received("accepted"), "the message and the fence");
        assertEquals(duplicates + 1, received("duplicate"));
    }

    @Test
    void aTokenThatIsNotOurSubscriptionsIsRefusedAndNothingIsPublished() {
        String account = managedAccount("push-" + TestEnvironment.randomHex(6));
        String location = digits();
        Instant before = Instant.now().minusSeconds(1);
        double rejected = received("rejected_token");
        List<String> tokens = List.of(
                KEYS.tokenSignedByAnotherKey(),
                KEYS.tokenOfAnUnknownKey(),
                KEYS.token(claims -> claims.audience("https://someone-else.example/push")),
                KEYS.token(claims -> claims.issuer("https://issuer.example")),
                KEYS.token(claims -> claims.claim("email", "someone@gmail.com")),
                KEYS.token(claims -> claims.claim("email_verified", false)),
                KEYS.expiredToken());
        List<String> answers = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            for (String token : tokens) {
                Response refused = push(token, envelope(review("NEW_REVIEW", account, location, "R" + answers.size()), digits(), Instant.now()));
                refused.then().statusCode(401).contentType("application/problem+json")
                        .body("status", is(401)).body("type", is("https://review-fetcher.io/problems/invalid-push-token"));
                answers.add(refused.asString());
            }
            Response missing = push(null, envelope(review("NEW_REVIEW", account, location, "Rnone"), digits(), Instant.now()));
            missing.then().statusCode(401).contentType("application/problem+json");
            String logged = log.text();
            for (String token : tokens) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(logged.contains(signature), "the log holds a token");
                answers.forEach(answer -> assertFalse(answer.contains(signature), "an answer holds a token: " + answer));
            }
            assertTrue(logged.contains("Google push refused (401)"), "each refusal is logged, by its reason");
        }
        assertEquals(rejected + tokens.size() + 1, received("rejected_token"));
        String metrics = given().get("/q/metrics").asString();
        tokens.forEach(token -> assertFalse(metrics.contains(token.substring(token.lastIndexOf('.') + 1))));

        String fence = fence(account, location);
        assertEquals(List.of(fence), publishedUpToFence(location, before, fence).stream().map(FetchReviewChange::messageId).toList());
    }

    @Test
    void aPushForAnAccountNoClientHasOnOrOfAnotherTypeIsAnsweredAndDropped() {
        String account = managedAccount("push-" + TestEnvironment.randomHex(6));
        String location = digits();
        Instant before = Instant.now().minusSeconds(1);
        double unmanaged = received("unmanaged_account");
        double ignored = received("ignored_type");

        push(KEYS.token(), envelope(review("NEW_REVIEW", digits(), location, "R1"), digits(), Instant.now())).then().statusCode(204);
        push(KEYS.token(), envelope("{\"type\":\"GOOGLE_UPDATE\",\"locationName\":\"accounts/" + account + "/locations/" + location + "\"}",
                digits(), Instant.now())).then().statusCode(204);

        assertEquals(unmanaged + 1, received("unmanaged_account"));
        assertEquals(ignored + 1, received("ignored_type"));
        String fence = fence(account, location);
        assertEquals(List.of(fence), publishedUpToFence(location, before, fence).stream().map(FetchReviewChange::messageId).toList());
    }

    @Test
    void aMalformedPushIsA400NamingTheField() {
        String account = managedAccount("push-" + TestEnvironment.randomHex(6));
        String location = digits();
        Instant before = Instant.now().minusSeconds(1);
        double malformed = received("malformed");

        push(KEYS.token(), "{\"message\":").then().statusCode(400).contentType("application/problem+json")
                .body("type", is("https://review-fetcher.io/problems/malformed-body"));
        push(KEYS.token(), "{\"message\":{\"data\":\"" + PushEnvelopeReaderTest.base64(review("NEW_REVIEW", account, location, "R1"))
                + "\",\"publishTime\":\"" + Instant.now() + "\"},\"subscription\":\"" + SUBSCRIPTION + "\"}")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("message.messageId"));
        push(KEYS.token(), PushEnvelopeReaderTest.envelope("%%%", digits(), Instant.now().toString(), SUBSCRIPTION))
                .then().statusCode(400).body("errors[0].field", is("message.data"));
        push(KEYS.token(), envelope("{\"type\":\"NEW_REVIEW\",\"reviewName\":\"reviews/R1\"}", digits(), Instant.now()))
                .then().statusCode(400).body("errors[0].field", is("message.data.reviewName"));

        assertEquals(malformed + 4, received("malformed"));
        String fence = fence(account, location);
        assertEquals(List.of(fence), publishedUpToFence(location, before, fence).stream().map(FetchReviewChange::messageId).toList());
    }

    @Test
    void aReviewFetchWithAGoogleAccessTokenIsStillTakenBesideThePushTokens() {
        // The JWT library's HTTP mechanism is off: an access token (not a JWT) in Authorization: Bearer is review-fetch's own.
        String accessToken = "ya29.a0AfB_" + TestEnvironment.randomHex(40);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + accessToken).body("{}")
                .post("/api/v1/review-fetch").then().statusCode(202).body("status", is("queued"));
        assertEquals(List.of(), StubTokenService.get().bodies().stream().filter(body -> !body.contains(accessToken)).toList(),
                "the token went to token-service, as without the push endpoint");
    }
}
