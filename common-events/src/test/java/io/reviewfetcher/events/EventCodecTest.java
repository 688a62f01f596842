package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCodecTest {

    static List<Event> everyEvent() {
        return SampleEvents.all();
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void everyEventSurvivesARoundTrip(Event event) {
        assertEquals(event, EventCodec.decode(EventCodec.encode(event)));
    }

    @Test
    void everyEventTypeHasASample() {
        assertEquals(Arrays.stream(EventType.values()).collect(Collectors.toSet()),
                everyEvent().stream().map(EventType::of).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("everyEvent")
    void theWireCarriesTypeVersionJobAndCreationTimeInSnakeCase(Event event) {
        String json = EventCodec.encodeToString(event);
        assertTrue(json.startsWith("{\"type\":\"" + EventType.of(event).wireName() + "\",\"schema_version\":"
                + EventType.of(event).schemaVersion() + ","), json);
        assertTrue(json.contains("\"job_id\":\"" + event.jobId() + "\""), json);
        assertTrue(json.contains("\"created_at\":\"2026-11-21T10:15:30.123Z\""), json);
        assertFalse(json.matches(".*\"[a-z]+[A-Z][A-Za-z]*\":.*"), "a camelCase key in " + json);
    }

    @Test
    void aReviewLooksAsTheContractSays() {
        String json = EventCodec.encodeToString(SampleEvents.reviewRaw());
        for (String expected : List.of("\"review_id\":\"AbFvOqm4x\"", "\"star_rating\":4",
                "\"reviewer\":{\"display_name\":\"Jürgen M.\",\"is_anonymous\":false,\"profile_photo_url\":",
                "\"reply\":{\"comment\":\"Thank you!\",\"update_time\":\"2025-02-04T00:00:00Z\"}",
                "\"expires_at\":\"2026-12-21T10:15:30.123Z\"", "\"attribution\":{\"source\":\"Google\",\"maps_uri\":",
                "\"comment\":\"很好 👍\"")) {
            assertTrue(json.contains(expected), expected + " missing from " + json);
        }
    }

    @Test
    void aStageEventInsideARetryKeepsItsOwnType() {
        String json = EventCodec.encodeToString(SampleEvents.retryRequest());
        assertTrue(json.startsWith("{\"type\":\"retry_request\",\"schema_version\":1,"), json);
        assertTrue(json.contains("\"event\":{\"type\":\"fetch_reviews\",\"schema_version\":2,"), json);
    }

    @Test
    void decodingForATopicRejectsAnotherType() {
        byte[] reviews = EventCodec.encode(SampleEvents.fetchReviews());
        assertSame(FetchReviews.class, EventCodec.decode(reviews, FetchReviews.class).getClass());
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(reviews, FetchAccounts.class));
        assertEquals("type", e.field());
        assertTrue(e.getMessage().contains("expected 'fetch_accounts'"), e.getMessage());
    }

    @Test
    void stageEventsKnowTheirTopicAndCountAttempts() {
        assertEquals(Topics.FETCH_ACCOUNTS, SampleEvents.fetchAccounts().topic());
        assertEquals(Topics.FETCH_LOCATIONS, SampleEvents.fetchLocations().topic());
        assertEquals(Topics.FETCH_REVIEWS, SampleEvents.fetchReviews().topic());
        assertEquals(Topics.FETCH_REVIEWS, SampleEvents.fetchReviewBatch().topic(), "beside fetch_reviews, told apart by type");
        FetchReviews retried = SampleEvents.fetchReviews().withAttempt(3);
        assertEquals(3, retried.attempt());
        assertEquals(SampleEvents.fetchReviews().withAttempt(0), SampleEvents.fetchReviews());
    }

    @Test
    void timestampsWithAnOffsetAreReadAsUtcInstants() {
        String json = EventCodec.encodeToString(SampleEvents.jobEvent()).replace("2026-11-21T10:15:30.123Z", "2026-11-21T11:15:30.123+01:00");
        assertEquals(SampleEvents.jobEvent(), EventCodec.decode(json));
    }

    @Test
    void eachTypeIsAtItsOwnVersion() {
        for (EventType second : List.of(EventType.FETCH_ACCOUNTS, EventType.FETCH_LOCATIONS, EventType.FETCH_REVIEWS,
                EventType.REVIEW_RAW, EventType.JOB_EVENT)) {
            assertEquals(2, second.schemaVersion(), second.wireName());
        }
        for (EventType first : List.of(EventType.FETCH_REVIEW_BATCH, EventType.FETCH_REVIEW_CHANGE, EventType.REVIEW_DELETED, EventType.RETRY_REQUEST,
                EventType.DEAD_LETTER)) {
            assertEquals(1, first.schemaVersion(), first.wireName());
        }
    }

    @Test
    void aVersionOneReviewHasNoChangeAndAVersionOneJobEventNoReviewChanges() {
        String review = EventCodec.encodeToString(SampleEvents.reviewRaw()).replace("\"schema_version\":2", "\"schema_version\":1")
                .replace(",\"change\":\"new\"", "");
        assertEquals(null, ((ReviewRaw) EventCodec.decode(review)).change());
        String event = EventCodec.encodeToString(SampleEvents.jobEvent()).replace("\"schema_version\":2", "\"schema_version\":1")
                .replaceAll(",\"reviews_(new|updated|unchanged|deleted)\":0", "").replace(",\"incomplete\":null", "").replace(",\"locations_done\":0", "")
                .replace(",\"listed_location_ids\":[]", "");
        assertEquals(SampleEvents.jobEvent(), EventCodec.decode(event));
        assertEquals(List.of(), ((JobEvent) EventCodec.decode(event)).listedLocationIds(), "version 1 listed none it was asked for");
        String withChange = EventCodec.encodeToString(SampleEvents.reviewRaw()).replace("\"schema_version\":2", "\"schema_version\":1");
        assertEquals("change", assertThrows(EventFormatException.class, () -> EventCodec.decode(withChange)).field(),
                "version 1 had no change");
    }

    /** Of the locations a job is narrowed to, those the page listed; every other event lists none, and says so. */
    @Test
    void aPageOfLocationsSaysWhichRequestedLocationsItListed() {
        String page = EventCodec.encodeToString(SampleEvents.listingPageEvent());
        assertTrue(page.endsWith(",\"locations_done\":0,\"listed_location_ids\":[\"222\",\"444\"]}"), page);
        assertEquals(List.of("222", "444"), ((JobEvent) EventCodec.decode(page)).listedLocationIds());
        String other = EventCodec.encodeToString(SampleEvents.reviewPageEvent());
        assertTrue(other.endsWith(",\"listed_location_ids\":[]}"), other);
        assertEquals(List.of(), SampleEvents.jobEvent().listedLocationIds(), "the constructor without review changes lists none");
    }

    @Test
    void aRecoveryPageCarriesItsWalkAndIsATaskOfItsOwn() {
        String json = EventCodec.encodeToString(SampleEvents.recoveryPage());
        assertTrue(json.contains("\"review_count\":120,\"recovery_walk\":1"), json);
        assertEquals("reviews:222:1:v1", TaskIds.of(SampleEvents.recoveryPage()));
        assertFalse(EventCodec.encodeToString(SampleEvents.fetchReviews()).contains("recovery_walk"));
    }

    @Test
    void aListingPageCarriesItsTokenNumberAndMark() {
        String accounts = EventCodec.encodeToString(SampleEvents.fetchAccounts());
        assertTrue(accounts.contains("\"page_token\":\"AcT0k3n\",\"page_number\":3,\"page_token_mark\":\"9f86d081884c7d65\""), accounts);
        String locations = EventCodec.encodeToString(SampleEvents.fetchLocations());
        assertTrue(locations.contains("\"page_token\":\"LoC4t10ns\",\"page_number\":2,\"page_token_mark\":\"2c26b46b68ffc68f\""), locations);
        String reviews = EventCodec.encodeToString(SampleEvents.fetchReviews());
        assertTrue(reviews.contains("\"page_number\":2,\"page_token_mark\":\"fcde2b2edba56bf4\""), reviews);
    }

    @Test
    void aFirstPageHasNoTokenAndNoMark() {
        FetchLocations first = new FetchLocations("j", SampleEvents.NOW, "client:x", "111", "A", null, FetchMode.FULL, 0);
        assertEquals(1, first.pageNumber());
        String json = EventCodec.encodeToString(first);
        assertTrue(json.contains("\"page_token\":null,\"page_number\":1,\"page_token_mark\":null"), json);
        assertEquals(first, EventCodec.decode(json));
    }

    @Test
    void theNextPageIsPagePlusOneFirstTryWithItsOwnTokenAndMark() {
        java.time.Instant later = SampleEvents.NOW.plusSeconds(5);
        FetchLocations next = SampleEvents.fetchLocations().nextPage(later, "n3xt", "abc");
        assertEquals(new FetchLocations(SampleEvents.JOB, later, "client:acme-dental", "111", "Acme Dental Group", null, "n3xt", 3,
                "abc", FetchMode.INCREMENTAL, 0), next);
        FetchAccounts nextAccounts = SampleEvents.fetchAccounts().nextPage(later, "n3xt", null);
        assertEquals(4, nextAccounts.pageNumber());
        assertEquals(SampleEvents.fetchAccounts().accountIds(), nextAccounts.accountIds());
        assertEquals(SampleEvents.fetchAccounts().locationIds(), nextAccounts.locationIds());
        FetchReviews nextReviews = SampleEvents.fetchReviews().withAttempt(3).nextPage(later, "n3xt", "m");
        assertEquals(0, nextReviews.attempt());
        assertEquals(3, nextReviews.pageNumber());
        assertEquals("m", nextReviews.pageTokenMark());
    }

    /** Records written before paging (version 1) are still in topics: retries, dead letters waiting for a replay. */
    @Test
    void aVersionOneListingEventIsReadAsTheFirstPage() {
        String v1Accounts = "{\"type\":\"fetch_accounts\",\"schema_version\":1,\"job_id\":\"j\",\"created_at\":\"2026-11-21T10:15:30.123Z\","
                + "\"credential\":\"client:x\",\"account_ids\":null,\"location_ids\":[\"9\"],\"mode\":\"full\",\"attempt\":2}";
        assertEquals(new FetchAccounts("j", SampleEvents.NOW, "client:x", null, List.of("9"), FetchMode.FULL, 2), EventCodec.decode(v1Accounts));
        String v1Locations = "{\"type\":\"fetch_locations\",\"schema_version\":1,\"job_id\":\"j\",\"created_at\":\"2026-11-21T10:15:30.123Z\","
                + "\"credential\":\"client:x\",\"account_id\":\"111\",\"account_name\":\"A\",\"location_ids\":null,\"mode\":\"full\",\"attempt\":0}";
        FetchLocations locations = (FetchLocations) EventCodec.decode(v1Locations);
        assertEquals(new FetchLocations("j", SampleEvents.NOW, "client:x", "111", "A", null, FetchMode.FULL, 0), locations);
        assertEquals("locations:111", TaskIds.of(locations));
        // Written again (a retry re-published), it is a version-2 record of the same first page.
        assertTrue(EventCodec.encodeToString(locations).contains("\"schema_version\":2,"));
    }

    @Test
    void aVersionOneReviewPageIsReadWithoutAMark() {
        String v2 = EventCodec.encodeToString(SampleEvents.fetchReviews());
        String v1 = v2.replace("\"schema_version\":2", "\"schema_version\":1").replace(",\"page_token_mark\":\"fcde2b2edba56bf4\"", "");
        FetchReviews read = EventCodec.decode(EventCodecTest.bytes(v1), FetchReviews.class);
        assertEquals(null, read.pageTokenMark());
        assertEquals(SampleEvents.fetchReviews().pageToken(), read.pageToken());
        assertEquals(2, read.pageNumber());
    }

    @Test
    void aNestedVersionOneEventIsReadToo() {
        String retry = EventCodec.encodeToString(SampleEvents.retryRequest());
        String v1Inside = retry.replace("\"type\":\"fetch_reviews\",\"schema_version\":2", "\"type\":\"fetch_reviews\",\"schema_version\":1")
                .replace(",\"page_token_mark\":\"fcde2b2edba56bf4\"", "");
        RetryRequest read = (RetryRequest) EventCodec.decode(v1Inside);
        assertEquals(null, read.event().pageTokenMark());
        assertEquals(SampleEvents.fetchReviews().pageNumber(), read.event().pageNumber());
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        String json = EventCodec.encodeToString(SampleEvents.fetchLocations()).replace(",\"location_ids\":null", "");
        assertEquals(SampleEvents.fetchLocations(), EventCodec.decode(json));
        FetchLocations first = new FetchLocations("j", SampleEvents.NOW, "client:x", "111", "A", null, FetchMode.FULL, 0);
        String withoutPaging = EventCodec.encodeToString(first).replace("\"page_token\":null,", "").replace(",\"page_token_mark\":null", "");
        assertEquals(first, EventCodec.decode(withoutPaging));
    }

    @Test
    void aReplayIsAFirstTryThatSaysWhenItWasReplayed() {
        java.time.Instant at = SampleEvents.NOW.plusSeconds(3600);
        for (StageEvent deadLettered : List.<StageEvent>of(SampleEvents.fetchAccounts().withAttempt(8),
                SampleEvents.fetchLocations().withAttempt(8), SampleEvents.fetchReviews().withAttempt(8),
                SampleEvents.fetchReviewBatch().withAttempt(8))) {
            StageEvent replay = deadLettered.replayed(at);
            assertEquals(0, replay.attempt());
            assertEquals(at, replay.replayedAt());
            assertEquals(TaskIds.of(deadLettered), TaskIds.of(replay));
            assertEquals(replay.withAttempt(0), replay.withAttempt(3).withAttempt(0), "a retry stays in its replay");
            assertEquals(at, replay.withAttempt(3).replayedAt());
            assertEquals(null, replay.nextPage(at, "n3xt", null).replayedAt(), "the next page is a task of its own");
            String json = EventCodec.encodeToString(replay);
            assertTrue(json.endsWith(",\"attempt\":0,\"replayed_at\":\"2026-11-21T11:15:30.123Z\"}"), json);
            assertEquals(replay, EventCodec.decode(json));
        }
        RetryRequest retry = new RetryRequest(SampleEvents.JOB, SampleEvents.NOW, SampleEvents.fetchReviews().replayed(at),
                SampleEvents.retryRequest().failures());
        assertEquals(retry, EventCodec.decode(EventCodec.encode(retry)), "nested, as in fetch-retry and fetch-dlq");
    }

    /** Records of work never replayed are written as before the field existed, so pods that predate it read them. */
    @Test
    void workNeverReplayedIsWrittenWithoutTheField() {
        for (StageEvent first : List.<StageEvent>of(SampleEvents.fetchAccounts(), SampleEvents.fetchLocations(), SampleEvents.fetchReviews(),
                SampleEvents.fetchReviewBatch())) {
            assertEquals(null, first.replayedAt());
            String json = EventCodec.encodeToString(first);
            assertFalse(json.contains("replayed_at"), json);
            // Added to the record itself, not to an object nested in it (a batch's locations).
            assertEquals(first, EventCodec.decode(json.substring(0, json.length() - 1) + ",\"replayed_at\":null}"),
                    "null is the same as left out");
        }
        assertFalse(EventCodec.encodeToString(SampleEvents.retryRequest()).contains("replayed_at"));
    }

    /** A restart of a review walk is written with its count; every other record as before the field existed. */
    @Test
    void walkRestartsAreWrittenOnlyWhenTheWalkRestarted() {
        FetchReviews page = SampleEvents.fetchReviews();
        String plain = EventCodec.encodeToString(page);
        assertFalse(plain.contains("walk_restarts"), plain);
        assertEquals(page, EventCodec.decode(plain.replace("}", ",\"walk_restarts\":null}")), "null is the same as left out");

        FetchReviews restart = page.withReviewCount(120).restarted(SampleEvents.NOW);
        assertEquals(1, restart.pageNumber());
        assertEquals(null, restart.pageToken());
        assertEquals(null, restart.pageTokenMark());
        assertEquals(null, restart.reviewCount(), "page 1 learns the count again");
        assertEquals(0, restart.attempt());
        assertEquals(1, restart.restartsSoFar());
        String json = EventCodec.encodeToString(restart);
        assertTrue(json.endsWith(",\"attempt\":0,\"walk_restarts\":1}"), json);
        assertEquals(restart, EventCodec.decode(json));

        FetchReviews later = restart.nextPage(SampleEvents.NOW, "t2", null).withAttempt(2).replayed(SampleEvents.NOW);
        assertEquals(1, later.restartsSoFar(), "the walk's pages, retries and replays keep it");
        assertEquals(later, EventCodec.decode(EventCodec.encode(later)));
        RetryRequest retry = new RetryRequest(SampleEvents.JOB, SampleEvents.NOW, later, SampleEvents.retryRequest().failures());
        assertEquals(retry, EventCodec.decode(EventCodec.encode(retry)), "nested, as in fetch-retry and fetch-dlq");
    }

    @Test
    void aBatchLooksAsTheContractSays() {
        String json = EventCodec.encodeToString(SampleEvents.fetchReviewBatch());
        for (String expected : List.of("{\"type\":\"fetch_review_batch\",\"schema_version\":1,", "\"account_id\":\"111\",\"locations\":[",
                "{\"location_id\":\"222\",\"location_name\":\"Acme Dental – Zürich 🦷\",\"maps_uri\":\"https://maps.google.com/?cid=42\","
                        + "\"watermark\":\"2026-11-01T08:00:00Z\",\"newest_seen\":\"2026-11-20T09:30:00.500Z\"}",
                "{\"location_id\":\"333\",\"location_name\":\"Acme Dental – Bern\",\"maps_uri\":null,"
                        + "\"watermark\":\"2026-10-15T12:00:00Z\",\"newest_seen\":null}",
                "\"page_token\":\"QmF0Y2gy\",\"page_number\":2,\"page_token_mark\":\"a3f1c9e07b2d4e65\",\"mode\":\"incremental\",\"attempt\":1}")) {
            assertTrue(json.contains(expected), expected + " missing from " + json);
        }
        assertEquals("reviews-batch:111:222:2", TaskIds.of(SampleEvents.fetchReviewBatch()));
    }

    /** Google's page token belongs to the request it answered: the next page asks for the same locations. */
    @Test
    void theNextPageOfABatchKeepsItsLocationsAndWhatTheyMet() {
        java.time.Instant later = SampleEvents.NOW.plusSeconds(5);
        java.time.Instant newer = java.time.Instant.parse("2026-11-21T00:00:00Z");
        FetchReviewBatch page = SampleEvents.fetchReviewBatch().withNewestSeen(java.util.Map.of("333", newer,
                "222", java.time.Instant.parse("2026-11-02T00:00:00Z")));
        FetchReviewBatch next = page.nextPage(later, "n3xt", "m");
        assertEquals(List.of("222", "333"), next.locations().stream().map(FetchReviewBatch.WatermarkedLocation::locationId).toList());
        assertEquals(java.time.Instant.parse("2026-11-20T09:30:00.5Z"), next.locations().get(0).newestSeen(), "the newest met is kept");
        assertEquals(newer, next.locations().get(1).newestSeen());
        assertEquals(3, next.pageNumber());
        assertEquals(0, next.attempt());
        assertEquals("n3xt", next.pageToken());
        assertEquals("reviews-batch:111:222:3", TaskIds.of(next));
        assertEquals(next, EventCodec.decode(EventCodec.encode(next)));
    }

    /** A notified review has no next page: it is one call. */
    @Test
    void aNotifiedReviewIsNoList() {
        FetchReviewChange change = SampleEvents.fetchReviewChange();
        assertEquals(FetchMode.INCREMENTAL, change.mode());
        assertEquals(1, change.pageNumber());
        assertThrows(UnsupportedOperationException.class, () -> change.nextPage(SampleEvents.NOW, "t", null));
        assertTrue(EventCodec.encodeToString(change).contains("\"notification\":\"UPDATED_REVIEW\""));
    }

    /** How the consumer of fetch-reviews tells a batch from a location's page before decoding either strictly. */
    @Test
    void aRecordSaysItsTypeBeforeItIsDecoded() {
        for (Event event : everyEvent()) {
            assertEquals(java.util.Optional.of(EventType.of(event)), EventCodec.declaredType(EventCodec.encode(event)));
        }
        assertEquals(java.util.Optional.of(EventType.FETCH_REVIEW_BATCH),
                EventCodec.declaredType(bytes("{\"job_id\":{\"type\":\"x\"},\"type\":\"fetch_review_batch\",\"junk\":")),
                "the top-level type, wherever it stands; what follows is the strict decoder's business");
        for (String none : List.of("", "[]", "\"fetch_reviews\"", "{}", "{\"type\":7}", "{\"type\":\"fetch_photos\"}", "not json",
                "{\"job_id\":\"j\"")) {
            assertEquals(java.util.Optional.empty(), EventCodec.declaredType(bytes(none)), none);
        }
        assertEquals(java.util.Optional.empty(), EventCodec.declaredType(null));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
