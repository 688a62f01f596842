package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a record can be unreadable ends in an EventFormatException that names the field. */
class EventRejectionTest {

    private static EventFormatException rejected(String json) {
        return assertThrows(EventFormatException.class, () -> EventCodec.decode(json));
    }

    private static String reviews() {
        return EventCodec.encodeToString(SampleEvents.fetchReviews());
    }

    private static String review() {
        return EventCodec.encodeToString(SampleEvents.reviewRaw());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                | hello                                      | $",
            "truncated JSON          | {\"type\":\"fetch_accounts\"               | $",
            "an array                | [1,2]                                      | $",
            "a string                | \"fetch_accounts\"                         | $",
            "trailing garbage        | {\"type\":\"x\"} {}                         | $",
            "no type                 | {\"schema_version\":1}                     | type",
            "type not a string       | {\"type\":7,\"schema_version\":1}           | type",
            "unknown type            | {\"type\":\"fetch_photos\",\"schema_version\":1} | type",
            "no schema version       | {\"type\":\"fetch_accounts\"}              | schema_version",
            "version as a string     | {\"type\":\"fetch_accounts\",\"schema_version\":\"1\"} | schema_version",
            "version zero            | {\"type\":\"fetch_accounts\",\"schema_version\":0} | schema_version",
            "newer schema version    | {\"type\":\"fetch_accounts\",\"schema_version\":3} | schema_version",
            "newer for its type      | {\"type\":\"review_raw\",\"schema_version\":2}     | schema_version",
    })
    void unreadableEnvelopes(String why, String json, String field) {
        assertEquals(field, rejected(json).field());
    }

    @Test
    void aNewerSchemaVersionSaysSo() {
        String json = reviews().replace("\"schema_version\":2", "\"schema_version\":3");
        EventFormatException e = rejected(json);
        assertTrue(e.getMessage().contains("newer") && e.getMessage().contains("'fetch_reviews'") && e.getMessage().contains("(2)"),
                e.getMessage());
        String review = review().replace("\"schema_version\":1", "\"schema_version\":2");
        assertTrue(rejected(review).getMessage().contains("newer"), "review_raw is still at version 1");
    }

    /** Strict per version: a field a version did not have is not a field of a record of that version. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "page_token at version 1      | fetch_locations | page_token",
            "page_number at version 1     | fetch_locations | page_number",
            "page_token_mark at version 1 | fetch_locations | page_token_mark",
            "page_token_mark at version 1 | fetch_reviews   | page_token_mark",
            "page_number at version 1     | fetch_accounts  | page_number",
    })
    void aFieldAddedInVersionTwoIsRefusedInAVersionOneRecord(String why, String type, String field) {
        Event sample = switch (type) {
            case "fetch_accounts" -> SampleEvents.fetchAccounts();
            case "fetch_locations" -> SampleEvents.fetchLocations();
            default -> SampleEvents.fetchReviews();
        };
        String v1 = EventCodec.encodeToString(sample).replace("\"schema_version\":2", "\"schema_version\":1");
        EventFormatException e = rejected(v1);
        assertTrue(Set.of("page_token", "page_number", "page_token_mark").contains(e.field()), e.getMessage());
        assertTrue(e.getMessage().contains("added in version 2"), e.getMessage());
        String onlyThatField = onlyPagingField(EventCodec.encodeToString(sample), field).replace("\"schema_version\":2", "\"schema_version\":1");
        assertEquals(field, rejected(onlyThatField).field(), onlyThatField);
    }

    /** The record with every paging field but {@code keep} removed (fetch_reviews keeps its version-1 page fields). */
    private static String onlyPagingField(String json, String keep) {
        for (String field : List.of("page_token_mark", "page_number", "page_token")) {
            boolean versionOneField = json.contains("\"type\":\"fetch_reviews\"") && !field.equals("page_token_mark");
            if (!field.equals(keep) && !versionOneField) {
                json = json.replaceFirst(",\"" + field + "\":(\"[^\"]*\"|[0-9]+|null)", "");
            }
        }
        return json;
    }

    @ParameterizedTest(name = "replayed_at = {0}")
    @CsvSource(delimiter = '|', value = {"7", "\"yesterday\"", "\"2026-11-21T10:15:30\"", "true", "{}"})
    void aReplayTimeMustBeATimestamp(String value) {
        String json = reviews().replace("}", ",\"replayed_at\":" + value + "}");
        assertEquals("replayed_at", rejected(json).field(), json);
    }

    @Test
    void aVersionOneRecordWasNeverReplayedWithTheField() {
        String replayed = EventCodec.encodeToString(SampleEvents.fetchReviews().replayed(SampleEvents.NOW));
        String v1 = replayed.replace("\"schema_version\":2", "\"schema_version\":1").replace(",\"page_token_mark\":\"fcde2b2edba56bf4\"", "");
        EventFormatException e = rejected(v1);
        assertEquals("replayed_at", e.field(), v1);
        assertTrue(e.getMessage().contains("added in version 2"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "page_number     | 0",
            "page_number     | \"2\"",
            "page_token      | 7",
            "page_token_mark | 7",
            "page_token_mark | {}",
    })
    void wrongPagingOfAListingEvent(String field, String value) {
        for (Event listing : List.of(SampleEvents.fetchAccounts(), SampleEvents.fetchLocations())) {
            String json = EventCodec.encodeToString(listing).replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|null)", "\"" + field + "\":" + value);
            assertEquals(field, rejected(json).field(), json);
        }
    }

    @Test
    void aVersionTwoListingEventMustSayWhichPage() {
        String json = EventCodec.encodeToString(SampleEvents.fetchLocations()).replaceFirst(",\"page_number\":2", "");
        assertEquals("page_number", rejected(json).field(), json);
    }

    @Test
    void nullAndEmptyValuesAreNotRecords() {
        assertEquals("$", assertThrows(EventFormatException.class, () -> EventCodec.decode((byte[]) null)).field());
        assertEquals("$", rejected("").field());
    }

    @ParameterizedTest(name = "missing {0}")
    @CsvSource({"job_id", "created_at", "credential", "account_id", "location_id", "location_name", "mode", "page_number"})
    void missingRequiredFieldsOfAStageEvent(String field) {
        String json = reviews().replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+),?", "");
        assertEquals(field, rejected(json).field(), json);
    }

    @ParameterizedTest(name = "null {0}")
    @CsvSource({"job_id", "created_at", "credential", "account_id", "mode"})
    void nullRequiredFields(String field) {
        String json = reviews().replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":null");
        assertEquals(field, rejected(json).field(), json);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "page_number  | \"2\"",
            "page_number  | 2.5",
            "page_number  | true",
            "attempt      | \"0\"",
            "location_id  | 222",
            "location_id  | {}",
            "location_id  | [\"222\"]",
            "page_token   | false",
            "page_token_mark | 42",
            "created_at   | 1732184130",
            "created_at   | \"yesterday\"",
            "created_at   | \"2026-11-21T10:15:30\"",
            "mode         | \"everything\"",
            "mode         | 0",
    })
    void wrongTypesAndValues(String field, String value) {
        String json = reviews().replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+|null)", "\"" + field + "\":" + value);
        assertEquals(field, rejected(json).field(), json);
    }

    @Test
    void anUnknownFieldIsRejectedByName() {
        // An event carrying a raw access token instead of a credential reference must never be accepted.
        String json = reviews().replace("\"credential\":", "\"access_token\":\"ya29.a0Af\",\"credential\":");
        EventFormatException e = rejected(json);
        assertEquals("access_token", e.field());
        assertFalse(e.getMessage().contains("ya29"), "the rejected value must not be echoed");
    }

    @Test
    void aTokenIsNotACredentialReference() {
        String json = reviews().replace(SampleEvents.CREDENTIAL, "ya29.a0AfB_byC-secret-token");
        EventFormatException e = rejected(json);
        assertEquals("credential", e.field());
        assertFalse(e.getMessage().contains("ya29"), "the rejected value must not be echoed");
        assertThrows(EventFormatException.class, () -> new FetchAccounts("j", Instant.now(), "Bearer ya29.x", null, null, FetchMode.FULL, 0));
    }

    @Test
    void nestedFieldsAreNamedByTheirPath() {
        assertEquals("reviewer.is_anonymous", rejected(review().replace("\"is_anonymous\":false", "\"is_anonymous\":\"no\"")).field());
        assertEquals("reply.update_time", rejected(review().replace(",\"update_time\":\"2025-02-04T00:00:00Z\"", "")).field());
        assertEquals("attribution.source", rejected(review().replace("\"source\":\"Google\"", "\"source\":\"\"")).field());
        assertEquals("reviewer.nickname", rejected(review().replace("\"is_anonymous\":false", "\"is_anonymous\":false,\"nickname\":\"x\"")).field());
    }

    @Test
    void aStarRatingOutsideOneToFiveIsRejected() {
        assertEquals("star_rating", rejected(review().replace("\"star_rating\":4", "\"star_rating\":0")).field());
        assertEquals("star_rating", rejected(review().replace("\"star_rating\":4", "\"star_rating\":6")).field());
        assertEquals("star_rating", rejected(review().replace("\"star_rating\":4", "\"star_rating\":\"FOUR\"")).field());
    }

    @Test
    void aNestedEventIsCheckedToo() {
        String retry = EventCodec.encodeToString(SampleEvents.retryRequest());
        assertEquals("event.location_id", rejected(retry.replace("\"location_id\":\"222\"", "\"location_id\":222")).field());
        String reviewsEvent = EventCodec.encodeToString(SampleEvents.fetchReviews());
        String jobEventInside = retry.replace(reviewsEvent, EventCodec.encodeToString(SampleEvents.jobEvent()));
        assertEquals("event.type", rejected(jobEventInside).field());
        assertEquals("failures[1].reason", rejected(retry.replace("\"reason\":\"RESOURCE_EXHAUSTED\"", "\"reason\":7")).field());
        assertEquals("failures", rejected(retry.replaceFirst("\"failures\":\\[.*]", "\"failures\":[]")).field());
    }

    @Test
    void aDeadLetterHoldsEitherAnEventOrAPoisonRecord() {
        String letter = EventCodec.encodeToString(SampleEvents.deadLetter());
        String both = letter.replace("\"poison\":null", "\"poison\":{\"partition\":0,\"offset\":1,\"value_sha256\":\"ab\",\"value_bytes\":2}");
        assertEquals("event", rejected(both).field());
        assertThrows(EventFormatException.class, () -> new DeadLetter("j", Instant.now(), "fetch-reviews", "x", null, List.of(), null));
    }

    @Test
    void listsMustNotHoldNulls() {
        String json = EventCodec.encodeToString(SampleEvents.fetchAccounts()).replace("[\"222\",\"333\"]", "[\"222\",null]");
        assertEquals("location_ids[1]", rejected(json).field());
    }
}
