package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google's review notifications on the running stack: the demo client's accounts set to push to ingress-api (the
 * emulator plays Google and Pub/Sub, signing each push with the key it publishes); reviews written and edited at the
 * emulator reach {@code reviews-raw} with the right change, each once, within seconds, for one Google call each; faulty
 * pushes (duplicated, reordered, badly signed, dropped) change nothing, or are caught by the next scheduled run.
 */
class NotificationsIT {
    private static final String PUSH = LocalStack.INGRESS + "/api/v1/google/notifications";
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final long CHANGE_EVERY_MS = 250;
    private static String clientId;
    private static List<Location> locations;

    /** A verified location with reviews, by its owner account (the account a notification names). */
    private record Location(String accountId, String locationId, List<String> reviewIds) {
    }

    /** One change made at the emulator: the review, its version (update time) and when the change was asked for. */
    private record Change(String reviewId, String updateTime, ReviewChange expected, long madeAtMs) {
    }

    @BeforeAll
    static void turnOn() throws Exception {
        LocalStack.up();
        Emulator.heal();
        clientId = Clients.connect("notifications");
        JsonNode status = switchNotifications("POST");
        assertEquals("completed", status.path("status").asText(), status.toString());
        JsonNode accounts = Http.get(LocalStack.INGRESS + "/api/v1/clients/" + clientId + "/notifications",
                "X-API-Key", LocalStack.callerKey()).body().path("accounts");
        assertEquals(Emulator.locationsListedByAccount().size(), accounts.size(), accounts.toString());
        accounts.forEach(account -> assertEquals("on", account.path("state").asText(), account.toString()));
        locations = verifiedLocations();
        // The client's first sync, as any client's comes before its notifications matter: an edit is then an update.
        Http.Answer synced = Http.post(LocalStack.INGRESS + "/api/v1/review-fetch", Map.of("client_id", clientId, "mode", "full",
                "location_ids", locations.stream().map(Location::locationId).toList()), "X-API-Key", LocalStack.callerKey());
        assertEquals(202, synced.status(), synced.text());
        assertEquals("completed", Jobs.awaitFinalStatus(synced.body().path("job_id").asText()).path("status").asText());
    }

    @AfterEach
    void heal() throws Exception {
        Emulator.heal();
    }

    /** Notifications off again, so that the other system tests' changes at the emulator push nothing. */
    @AfterAll
    static void turnOff() throws Exception {
        if (clientId != null) {
            assertEquals("completed", switchNotifications("DELETE").path("status").asText());
            Http.get(LocalStack.INGRESS + "/api/v1/clients/" + clientId + "/notifications", "X-API-Key", LocalStack.callerKey())
                    .body().path("accounts").forEach(account -> assertEquals("off", account.path("state").asText(), account.toString()));
        }
    }

    @Test
    void writtenAndEditedReviewsArriveOnceWithinSecondsForOneCallEach() throws Exception {
        Map<TopicPartition, Long> before = TopicScan.mark();
        long callsBefore = reviewsGetCalls();
        List<Change> changes = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < 24; i++) {
            // Customers' pace, 4 changes a second: below the quota's 5 calls a second, so the figure is the path's
            // latency, not the bucket's queue (a burst of 24 would wait up to 5 s for its permits).
            Thread.sleep(Math.max(0, start + i * CHANGE_EVERY_MS - System.currentTimeMillis()));
            Location location = locations.get(i % locations.size());
            changes.add(i % 2 == 0 ? add(location, "written " + i) : edit(location, location.reviewIds().get(i / locations.size()), "edited " + i));
        }

        Map<String, List<ConsumerRecord<String, byte[]>>> delivered = awaitDelivered(before, changes);
        List<Long> latencies = new ArrayList<>();
        for (Change change : changes) {
            List<ConsumerRecord<String, byte[]>> records = delivered.get(change.reviewId());
            assertEquals(1, records.size(), "records of review " + change.reviewId());
            ReviewRaw review = (ReviewRaw) EventCodec.decode(records.get(0).value());
            assertEquals(change.expected(), review.change(), change.toString());
            latencies.add(records.get(0).timestamp() - change.madeAtMs());
        }
        latencies.sort(Long::compare);
        long p50 = latencies.get(latencies.size() / 2);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("NotificationsIT: %d changes, change to reviews-raw p50 %d ms, p99 %d ms, max %d ms%n",
                changes.size(), p50, p99, latencies.get(latencies.size() - 1));
        assertTrue(p99 <= 5_000, "p99 " + p99 + " ms from the change to the record: " + latencies);
        // One reviews.get per distinct change: the emulator counts every call, whatever its status.
        assertEquals(changes.size(), reviewsGetCalls() - callsBefore, "reviews.get calls for " + changes.size() + " changes");
        // And the review store holds each at the version the change made (PostgreSQL keeps microseconds).
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            assertEquals(Instant.parse(change.updateTime()).truncatedTo(ChronoUnit.MICROS), storedUpdateTime(locations.get(i % locations.size()), change.reviewId()),
                    "the review store's version of " + change);
        }
    }

    @Test
    void duplicatedAndReorderedPushesChangeNothing() throws Exception {
        pushFaults(Map.of("duplicateRate", 1.0, "reorderWindowMs", 1_500));
        Map<TopicPartition, Long> before = TopicScan.mark();
        long callsBefore = reviewsGetCalls();
        Location location = locations.get(0);
        String edited = location.reviewIds().get(5);
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changes.add(add(location, "duplicated " + i));
        }
        Change last = null;
        for (int i = 0; i < 3; i++) { // one review edited three times: the pushes arrive shuffled, each twice
            last = edit(location, edited, "edited again " + i);
        }
        List<Change> expected = new ArrayList<>(changes);
        expected.add(last);
        Map<String, List<ConsumerRecord<String, byte[]>>> delivered = awaitDelivered(before, expected);

        for (Change added : changes) {
            assertEquals(1, delivered.get(added.reviewId()).size(), "records of the new review " + added.reviewId());
        }
        // Whatever order the pushes came in, the review's versions on reviews-raw only move forward, its last is Google's
        // newest, and no version is delivered twice.
        List<String> versions = delivered.get(edited).stream()
                .map(record -> ((ReviewRaw) EventCodec.decode(record.value())).updateTime().toString()).toList();
        assertEquals(versions.stream().distinct().sorted().toList(), versions, "versions of the edited review in order, once each");
        assertEquals(Instant.parse(last.updateTime()), Instant.parse(versions.get(versions.size() - 1)));
        long calls = reviewsGetCalls() - callsBefore;
        assertTrue(calls <= 6, calls + " reviews.get calls for 6 changes pushed twice each");
        assertEquals(List.of(), Poll.until(ARRIVAL, () -> pushesDelivered() ? List.of() : List.of("pushes still pending")));
    }

    @Test
    void aPushWithoutAValidTokenIsRefusedAndDoesNothing() throws Exception {
        Map<TopicPartition, Long> before = TopicScan.mark();
        Location location = locations.get(1);
        String reviewName = "accounts/" + location.accountId() + "/locations/" + location.locationId() + "/reviews/"
                + location.reviewIds().get(0);
        Map<String, Object> envelope = envelope("forged-" + System.nanoTime(), reviewName);
        assertEquals(401, Http.post(PUSH, envelope).status(), "no token");
        assertEquals(401, Http.post(PUSH, envelope, "Authorization", "Bearer not-a-jwt").status(), "not a JWT");
        assertEquals(401, Http.post(PUSH, envelope, "Authorization", "Bearer " + forgedToken()).status(), "a token no key of Google's signed");

        // The emulator signing its pushes with a key it does not publish: refused, until it signs them right again.
        pushFaults(Map.of("badSignature", true));
        Change change = add(location, "pushed with a bad signature");
        assertEquals(List.of(), Poll.until(ARRIVAL, () -> refusedAttempts(change.reviewId()) > 0 ? List.of() : List.of("no refused push")));
        assertTrue(records(before, change.reviewId()).isEmpty(), "a badly signed push delivered a review");
        assertTrue(TopicScan.since(before, Topics.FETCH_REVIEWS).stream().map(record -> EventCodec.decode(record.value()))
                .noneMatch(event -> event instanceof FetchReviewChange fetch && fetch.messageId().startsWith("forged-")),
                "a refused push made a task");
        pushFaults(Map.of());
        Map<String, List<ConsumerRecord<String, byte[]>>> delivered = awaitDelivered(before, List.of(change));
        assertEquals(1, delivered.get(change.reviewId()).size(), "the push redelivered once signed right");
    }

    @Test
    void aDroppedPushIsCaughtByTheNextScheduledIncrementalRun() throws Exception {
        Location location = locations.get(2);
        Http.Answer created = Http.post(LocalStack.INGRESS + "/api/v1/schedules", Map.of("client_id", clientId,
                        "location_ids", List.of(location.locationId()), "incremental_every", LocalStack.SCHEDULE_MIN_EVERY.toString(),
                        "full_every", "P1D"), "X-API-Key", LocalStack.callerKey());
        assertEquals(201, created.status(), created.text());
        String schedule = created.body().path("id").asText();
        try {
            // The first run is a full one; the next ones incremental.
            assertEquals(List.of(), Poll.until(ARRIVAL, () -> fullRunCompleted(schedule) ? List.of() : List.of("first run not completed")));
            pushFaults(Map.of("dropRate", 1.0));
            Map<TopicPartition, Long> before = TopicScan.mark();
            Change change = add(location, "pushed into the void");
            Map<String, List<ConsumerRecord<String, byte[]>>> delivered = awaitDelivered(before, List.of(change));
            ReviewRaw review = (ReviewRaw) EventCodec.decode(delivered.get(change.reviewId()).get(0).value());
            assertEquals(ReviewChange.NEW, review.change());
            JsonNode job = Http.get(LocalStack.INGRESS + "/api/v1/review-fetch/" + review.jobId(), "X-API-Key", LocalStack.callerKey()).body();
            assertEquals(schedule, job.path("schedule_id").asText(), job.toString());
            assertEquals("schedule:incremental", job.path("trigger").asText(), job.toString());
        } finally {
            Http.delete(LocalStack.INGRESS + "/api/v1/schedules/" + schedule, "X-API-Key", LocalStack.callerKey());
        }
    }

    // --- the emulator's side ---------------------------------------------------------------------------------------

    private static Change add(Location location, String comment) throws Exception {
        long madeAt = System.currentTimeMillis();
        Http.Answer answer = Http.post(LocalStack.EMULATOR + "/emulator/locations/" + location.locationId() + "/reviews",
                Map.of("comment", comment, "starRating", 4, "reviewerName", "Notified Reviewer"));
        assertEquals(201, answer.status(), answer.text());
        JsonNode review = answer.body().get(0);
        return new Change(review.path("reviewId").asText(), review.path("updateTime").asText(), ReviewChange.NEW, madeAt);
    }

    private static Change edit(Location location, String reviewId, String comment) throws Exception {
        long madeAt = System.currentTimeMillis();
        Http.Answer answer = Http.patch(LocalStack.EMULATOR + "/emulator/locations/" + location.locationId() + "/reviews/" + reviewId,
                Map.of("comment", comment));
        assertEquals(200, answer.status(), answer.text());
        return new Change(reviewId, answer.body().path("updateTime").asText(), ReviewChange.UPDATED, madeAt);
    }

    private static void pushFaults(Map<String, Object> push) throws Exception {
        Http.Answer answer = Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of("push", push));
        assertEquals(200, answer.status(), answer.text());
    }

    private static JsonNode pushes() throws Exception {
        return Http.get(LocalStack.EMULATOR + "/emulator/pushes").body();
    }

    private static int refusedAttempts(String reviewId) throws Exception {
        int refused = 0;
        for (JsonNode message : pushes().path("messages")) {
            if (message.path("reviewName").asText().endsWith("/reviews/" + reviewId)) {
                refused += message.path("attempts").asInt() - (message.hasNonNull("deliveredAt") ? 1 : 0);
            }
        }
        return refused;
    }

    private static boolean pushesDelivered() throws Exception {
        for (JsonNode message : pushes().path("messages")) {
            if (message.path("state").asText().equals("PENDING")) {
                return false;
            }
        }
        return true;
    }

    private static long reviewsGetCalls() throws Exception {
        long calls = 0;
        for (JsonNode count : Emulator.stats().path("endpoints").path("reviews.get")) {
            calls += count.asLong();
        }
        return calls;
    }

    private static List<Location> verifiedLocations() throws Exception {
        List<Location> found = new ArrayList<>();
        for (JsonNode location : Http.get(LocalStack.EMULATOR + "/emulator/truth").body().path("locations")) {
            if (location.path("verified").asBoolean() && location.path("reviews").size() >= 10) {
                List<String> reviews = new ArrayList<>();
                location.path("reviews").forEach(review -> reviews.add(review.path("reviewId").asText()));
                String[] v4Name = location.path("v4Name").asText().split("/"); // accounts/<owner>/locations/<id>
                found.add(new Location(v4Name[1], v4Name[3], reviews));
            }
        }
        assertTrue(found.size() >= 4, "verified locations with reviews: " + found.size());
        return found.subList(0, 4);
    }

    // --- our side ----------------------------------------------------------------------------------------------------

    /** The review's update time in the review store (ingress-api's read API), or null when the store does not hold it. */
    private static Instant storedUpdateTime(Location location, String reviewId) throws Exception {
        String cursor = null;
        do {
            JsonNode page = Http.get(LocalStack.INGRESS + "/api/v1/reviews?limit=500&location_id=" + location.locationId()
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), "X-API-Key", LocalStack.callerKey()).body();
            for (JsonNode review : page.path("reviews")) {
                if (review.path("review_id").asText().equals(reviewId)) {
                    return Instant.parse(review.path("update_time").asText());
                }
            }
            cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
        } while (cursor != null);
        return null;
    }

    private static JsonNode switchNotifications(String method) throws Exception {
        String url = LocalStack.INGRESS + "/api/v1/clients/" + clientId + "/notifications";
        Http.Answer answer = method.equals("POST") ? Http.post(url, "{}", "X-API-Key", LocalStack.callerKey())
                : Http.delete(url, "X-API-Key", LocalStack.callerKey());
        assertEquals(202, answer.status(), answer.text());
        return Jobs.awaitFinalStatus(answer.body().path("job_id").asText());
    }

    private static boolean fullRunCompleted(String schedule) throws Exception {
        for (JsonNode run : Http.get(LocalStack.INGRESS + "/api/v1/review-fetch?schedule_id=" + schedule, "X-API-Key",
                LocalStack.callerKey()).body().path("jobs")) {
            if (run.path("trigger").asText().equals("schedule:full") && Http.get(LocalStack.INGRESS + run.path("status_url").asText(),
                    "X-API-Key", LocalStack.callerKey()).body().path("status").asText().equals("completed")) {
                return true;
            }
        }
        return false;
    }

    /** The reviews-raw records of the changed reviews since {@code before}, by review id, once every change's version is there. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> awaitDelivered(Map<TopicPartition, Long> before,
                                                                                   List<Change> changes) throws Exception {
        Map<String, List<ConsumerRecord<String, byte[]>>> byReview = new HashMap<>();
        List<String> missing = Poll.until(ARRIVAL, () -> {
            byReview.clear();
            for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.REVIEWS_RAW)) {
                Event event = EventCodec.decode(record.value());
                if (event instanceof ReviewRaw review) {
                    byReview.computeIfAbsent(review.reviewId(), id -> new ArrayList<>()).add(record);
                }
            }
            return changes.stream().filter(change -> byReview.getOrDefault(change.reviewId(), List.of()).stream()
                            .noneMatch(record -> ((ReviewRaw) EventCodec.decode(record.value())).updateTime()
                                    .equals(Instant.parse(change.updateTime()))))
                    .map(Change::toString).collect(Collectors.toList());
        });
        assertEquals(List.of(), missing, "changes not on reviews-raw within " + ARRIVAL);
        return byReview;
    }

    private static List<ConsumerRecord<String, byte[]>> records(Map<TopicPartition, Long> before, String reviewId) {
        return TopicScan.since(before, Topics.REVIEWS_RAW).stream()
                .filter(record -> EventCodec.decode(record.value()) instanceof ReviewRaw review && review.reviewId().equals(reviewId))
                .toList();
    }

    private static Map<String, Object> envelope(String messageId, String reviewName) {
        String data = "{\"type\":\"NEW_REVIEW\",\"reviewName\":\"" + reviewName + "\",\"locationName\":\""
                + reviewName.substring(0, reviewName.indexOf("/reviews/")) + "\"}";
        return Map.of("message", Map.of("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)),
                        "messageId", messageId, "publishTime", Instant.now().toString(), "attributes", Map.of()),
                "subscription", "projects/emulator-project/subscriptions/review-fetcher-push");
    }

    /** A token shaped as Google's, with every claim right, whose signature no published key makes. */
    private static String forgedToken() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"kid\":\"forged\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":\"https://accounts.google.com\",\"aud\":\"" + PUSH + "\",\"email\":"
                + "\"review-fetcher-push@emulator-project.iam.gserviceaccount.com\",\"email_verified\":true,\"iat\":" + now
                + ",\"exp\":" + (now + 3600) + ",\"sub\":\"1\"}";
        byte[] signature = new byte[256];
        new java.security.SecureRandom().nextBytes(signature);
        return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + url.encodeToString(signature);
    }
}
