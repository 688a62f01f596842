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
        assertTrue(json.startsWith("{\"type\":\"" + EventType.of(event).wireName() + "\",\"schema_version\":1,"), json);
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
        assertTrue(json.contains("\"event\":{\"type\":\"fetch_reviews\",\"schema_version\":1,"), json);
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
    void optionalFieldsMayBeLeftOut() {
        String json = EventCodec.encodeToString(SampleEvents.fetchLocations()).replace(",\"location_ids\":null", "");
        assertEquals(SampleEvents.fetchLocations(), EventCodec.decode(json));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
