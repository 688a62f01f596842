package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewDeleted;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Complete and fresh, against the emulator's truth: what each full run marks new, updated or unchanged, the deletions
 * only a verified walk announces, Google's missing-reviews defect recovered or named, and the review store's copy.
 */
class FreshnessIT {

    @BeforeAll
    static void stack() throws Exception {
        LocalStack.up();
        Emulator.heal();
    }

    @AfterEach
    void heal() throws Exception {
        Emulator.heal();
    }

    /** A verified location with the most reviews (several pages): its bare id and its truth. */
    private record Location(String id, Map<String, String> updateTimes) {
    }

    private static Location biggestLocation() throws Exception {
        JsonNode best = null;
        for (JsonNode location : Http.get(LocalStack.EMULATOR + "/emulator/truth").body().path("locations")) {
            if (location.path("verified").asBoolean()
                    && (best == null || location.path("totalReviewCount").asInt() > best.path("totalReviewCount").asInt())) {
                best = location;
            }
        }
        return truthOf(best.path("name").asText().substring("locations/".length()));
    }

    private static Location truthOf(String locationId) throws Exception {
        for (JsonNode location : Http.get(LocalStack.EMULATOR + "/emulator/truth").body().path("locations")) {
            if (location.path("name").asText().equals("locations/" + locationId)) {
                Map<String, String> times = new HashMap<>();
                location.path("reviews").forEach(r -> times.put(r.path("reviewId").asText(), r.path("updateTime").asText()));
                return new Location(locationId, times);
            }
        }
        throw new IllegalStateException("no location " + locationId);
    }

    private static String submit(String locationId) throws Exception {
        return submit(locationId, "full");
    }

    private static String submit(String locationId, String mode) throws Exception {
        String token = Emulator.mintTokens().path("access_token").asText();
        Http.Answer accepted = Http.post(LocalStack.INGRESS + "/api/v1/review-fetch",
                Map.of("location_ids", List.of(locationId), "mode", mode), "Authorization", "Bearer " + token);
        assertEquals(202, accepted.status(), accepted.text());
        return accepted.body().path("job_id").asText();
    }

    /** The job's events on reviews-raw since {@code before}. */
    private static List<Event> output(Map<TopicPartition, Long> before, String jobId) {
        List<Event> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.REVIEWS_RAW)) {
            if (TopicScan.ofJob(record, jobId)) {
                events.add(EventCodec.decode(record.value()));
            }
        }
        return events;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The review store's copy of a location, read page after page through the read API. */
    private static Map<String, String> stored(String locationId) throws Exception {
        Map<String, String> times = new HashMap<>();
        String cursor = null;
        String key = LocalStack.callerKey();
        do {
            String url = LocalStack.INGRESS + "/api/v1/reviews?limit=37&location_id=" + locationId
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Http.Answer page = Http.get(url, "X-API-Key", key);
            assertEquals(200, page.status(), page.text());
            for (JsonNode review : page.body().path("reviews")) {
                String previous = times.put(review.path("review_id").asText(), review.path("update_time").asText());
                assertEquals(null, previous, "each review once in the store");
                assertEquals(review.path("review_id").asText(), review.path("google").path("reviewId").asText(),
                        "Google's JSON beside our fields");
            }
            cursor = page.body().path("next_cursor").isNull() ? null : page.body().path("next_cursor").asText();
        } while (cursor != null);
        return times;
    }

    /** Update times as the store keeps them: PostgreSQL's microseconds (Google's may carry nanoseconds). */
    private static Map<String, Instant> instants(Map<String, String> times) {
        return times.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> Instant.parse(e.getValue()).truncatedTo(ChronoUnit.MICROS)));
    }

    @Test
    void aFullRunAfterChangesMarksEachReviewAndAnnouncesExactlyTheDeletedOnes() throws Exception {
        Location location = biggestLocation();
        assertEquals("completed", Jobs.awaitFinalStatus(submit(location.id())).path("status").asText());
        List<String> ids = new ArrayList<>(location.updateTimes().keySet());
        String emulatorPath = LocalStack.EMULATOR + "/emulator/locations/" + location.id() + "/reviews";
        Http.Answer added = Http.post(emulatorPath, Map.of("comment", "new since the last run"));
        assertEquals(201, added.status(), added.text());
        String addedId = added.body().get(0).path("reviewId").asText();
        String editedId = ids.get(ids.size() / 2);
        assertEquals(200, Http.patch(emulatorPath + "/" + editedId, Map.of("comment", "edited since the last run")).status());
        String deletedId = ids.get(ids.size() - 1);
        assertEquals(204, Http.delete(emulatorPath + "/" + deletedId).status());
        Location now = truthOf(location.id());
        Map<TopicPartition, Long> before = TopicScan.mark();

        String job = submit(location.id());
        JsonNode status = Jobs.awaitFinalStatus(job);

        assertEquals("completed", status.path("status").asText(), status.toString());
        List<Event> events = output(before, job);
        Map<String, ReviewChange> changes = new HashMap<>();
        only(events, ReviewRaw.class).forEach(review -> assertEquals(null, changes.put(review.reviewId(), review.change()),
                "each review once"));
        assertEquals(now.updateTimes().keySet(), changes.keySet(), "every review of the truth");
        assertEquals(ReviewChange.NEW, changes.get(addedId));
        assertEquals(ReviewChange.UPDATED, changes.get(editedId));
        assertEquals(Set.of(ReviewChange.UNCHANGED), changes.entrySet().stream()
                .filter(e -> !e.getKey().equals(addedId) && !e.getKey().equals(editedId))
                .map(Map.Entry::getValue).collect(Collectors.toSet()));
        assertEquals(List.of(deletedId), only(events, ReviewDeleted.class).stream().map(ReviewDeleted::reviewId).toList());
        JsonNode counts = status.path("counts");
        assertEquals(List.of(1, 1, now.updateTimes().size() - 2, 1), List.of(counts.path("reviews_new").asInt(),
                counts.path("reviews_updated").asInt(), counts.path("reviews_unchanged").asInt(), counts.path("reviews_deleted").asInt()));
        assertEquals(Map.of(), differences(instants(now.updateTimes()), instants(stored(location.id()))),
                "the store follows edits and deletions: each review where it differs from the truth, as truth -> store");
    }

    /** Each review where the store differs from the truth, as "truth -> store" (null where one has no such review). */
    private static Map<String, String> differences(Map<String, Instant> truth, Map<String, Instant> store) {
        Map<String, String> differences = new HashMap<>();
        Set<String> ids = new HashSet<>(truth.keySet());
        ids.addAll(store.keySet());
        for (String id : ids) {
            if (!Objects.equals(truth.get(id), store.get(id))) {
                differences.put(id, truth.get(id) + " -> " + store.get(id));
            }
        }
        return differences;
    }

    private static int calls(String endpoint) throws Exception {
        return Emulator.stats().path("endpoints").path(endpoint).path("200").asInt();
    }

    /**
     * After a full run (which sets the location's watermark), a review added and one edited: an incremental run
     * delivers exactly those two, marked new and updated, with one batchGetReviews call and no reviews.list.
     */
    @Test
    void anIncrementalRunDeliversExactlyWhatWasAddedOrEdited() throws Exception {
        Location location = biggestLocation();
        assertEquals("completed", Jobs.awaitFinalStatus(submit(location.id())).path("status").asText());
        String emulatorPath = LocalStack.EMULATOR + "/emulator/locations/" + location.id() + "/reviews";
        String addedId = Http.post(emulatorPath, Map.of("comment", "new since the last run")).body().get(0).path("reviewId").asText();
        String editedId = new ArrayList<>(location.updateTimes().keySet()).get(1);
        assertEquals(200, Http.patch(emulatorPath + "/" + editedId, Map.of("starRating", 2)).status());
        Emulator.heal();
        Map<TopicPartition, Long> before = TopicScan.mark();

        String job = submit(location.id(), "incremental");
        JsonNode status = Jobs.awaitFinalStatus(job);

        assertEquals("completed", status.path("status").asText(), status.toString());
        Map<String, ReviewChange> changes = new HashMap<>();
        only(output(before, job), ReviewRaw.class).forEach(review -> changes.put(review.reviewId(), review.change()));
        assertEquals(Map.of(addedId, ReviewChange.NEW, editedId, ReviewChange.UPDATED), changes);
        assertEquals(1, calls("locations.batchGetReviews"), "one batch call for the location");
        assertEquals(0, calls("reviews.list"));
        assertEquals(1, status.path("counts").path("locations_done").asInt(), status.toString());
    }

    @Test
    void withGooglesMissingReviewsAFullRunStillDeliversEveryReviewOnce() throws Exception {
        Location location = biggestLocation();
        assertTrue(location.updateTimes().size() > 50, "a location of several pages");
        assertEquals(200, Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of("reviewPageDropRate", 0.02)).status());
        Map<TopicPartition, Long> before = TopicScan.mark();

        String job = submit(location.id());
        JsonNode status = Jobs.awaitFinalStatus(job);

        assertEquals("completed", status.path("status").asText(), status.toString());
        Map<String, Integer> delivered = Jobs.reviewsDelivered(before, job);
        assertEquals(location.updateTimes().keySet(), delivered.keySet());
        assertTrue(delivered.values().stream().allMatch(times -> times == 1), delivered.toString());
        assertEquals(0, status.path("incomplete_locations").size());
    }

    @Test
    void whenRecoveryCannotMakeUpForGoogleTheStatusNamesTheLocation() throws Exception {
        Location location = biggestLocation();
        assertEquals(200, Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of("reviewPageDropRate", 0.9)).status());

        JsonNode status = Jobs.awaitFinalStatus(submit(location.id()));

        assertEquals("completed_with_errors", status.path("status").asText(), status.toString());
        JsonNode incomplete = status.path("incomplete_locations");
        assertEquals(1, incomplete.size(), status.toString());
        assertEquals(location.id(), incomplete.get(0).path("location_id").asText());
        assertEquals(location.updateTimes().size(), incomplete.get(0).path("expected").asInt());
        assertTrue(incomplete.get(0).path("delivered").asInt() < location.updateTimes().size());
        assertFalse(status.path("counts").path("locations_incomplete").asInt() == 0);
    }
}
