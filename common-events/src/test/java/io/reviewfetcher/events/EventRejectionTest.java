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
            "newer for its type      | {\"type\":\"review_raw\",\"schema_version\":3}     | schema_version",
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
        String review = review().replace("\"schema_version\":2", "\"schema_version\":3");
        assertTrue(rejected(review).getMessage().contains("newer"), "review_raw is at version 2");
    }

    /**
     * A newer version is a rejection of its own kind: not a broken record but one for newer code (a rolling deploy),
     * which a consumer leaves for a newer pod instead of dead-lettering it. Named without the record's version.
     */
    @Test
    void aNewerVersionIsARejectionOfItsOwnKind() {
        NewerEventVersionException newer = assertThrows(NewerEventVersionException.class,
                () -> EventCodec.decode(reviews().replace("\"schema_version\":2", "\"schema_version\":987654")));
        assertEquals("schema_version", newer.field());
        assertEquals(EventType.FETCH_REVIEWS, newer.eventType());
        assertFalse(newer.getMessage().contains("987654"), newer.getMessage());

        String retry = EventCodec.encodeToString(SampleEvents.retryRequest())
                .replace("\"type\":\"fetch_reviews\",\"schema_version\":2", "\"type\":\"fetch_reviews\",\"schema_version\":3,\"priority\":1");
        NewerEventVersionException inside = assertThrows(NewerEventVersionException.class,
                () -> EventCodec.decode(EventCodecTest.bytes(retry), RetryRequest.class));
        assertEquals("event.schema_version", inside.field(), "found inside the event of a retry request");
        assertEquals(EventType.FETCH_REVIEWS, inside.eventType());

        for (String broken : List.of(reviews().replace("\"schema_version\":2", "\"schema_version\":0"),
                reviews().replace("\"schema_version\":2", "\"schema_version\":\"3\""), "{\"type\":\"fetch_photos\",\"schema_version\":9}")) {
            assertFalse(rejected(broken) instanceof NewerEventVersionException, broken);
        }
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
    @CsvSource(delimiter = '|', value = {"7", "\"yesterday\"", "\"2026-11-21T10:15:30\"", "true", "{}",
            "\"+999999999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\""})
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

    /** A walk never restarted leaves the field out: 0 is not a second way to say it. */
    @ParameterizedTest(name = "walk_restarts = {0}")
    @CsvSource(delimiter = '|', value = {"0", "-1", "\"1\"", "1.5", "true"})
    void walkRestartsCountRestarts(String value) {
        String json = reviews().replace("}", ",\"walk_restarts\":" + value + "}");
        assertEquals("walk_restarts", rejected(json).field(), json);
    }

    @Test
    void aVersionOneRecordNeverRestartedItsWalk() {
        String restarted = EventCodec.encodeToString(SampleEvents.fetchReviews().restarted(SampleEvents.NOW));
        String v1 = restarted.replace("\"schema_version\":2", "\"schema_version\":1").replace(",\"page_token_mark\":null", "");
        EventFormatException e = rejected(v1);
        assertEquals("walk_restarts", e.field(), v1);
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

    private static String listingPage() {
        return EventCodec.encodeToString(SampleEvents.listingPageEvent());
    }

    /** The requested locations a page listed: always there (empty when none), ids, one page's worth at most. */
    @ParameterizedTest(name = "listed_location_ids = {0}")
    @CsvSource(delimiter = '|', value = {"null | listed_location_ids", "\"222\" | listed_location_ids", "{} | listed_location_ids",
            "[222] | listed_location_ids[0]", "[\"222\",null] | listed_location_ids[1]", "[[\"222\"]] | listed_location_ids[0]"})
    void listedLocationsAreAnArrayOfIds(String value, String field) {
        String json = listingPage().replace("\"listed_location_ids\":[\"222\",\"444\"]", "\"listed_location_ids\":" + value);
        assertEquals(field, rejected(json).field(), json);
    }

    @Test
    void aVersionTwoJobEventMustSayWhichRequestedLocationsItListed() {
        String json = listingPage().replace(",\"listed_location_ids\":[\"222\",\"444\"]", "");
        assertEquals("listed_location_ids", rejected(json).field(), json);
    }

    @Test
    void aPageListsAtMostAHundredRequestedLocations() {
        List<String> hundred = java.util.stream.IntStream.rangeClosed(1, JobEvent.MAX_LISTED_LOCATIONS).mapToObj(i -> "L" + i).toList();
        JobEvent full = listingPageWith(hundred);
        assertEquals(full, EventCodec.decode(EventCodec.encode(full)));
        List<String> more = new java.util.ArrayList<>(hundred);
        more.add("L101");
        assertEquals("listed_location_ids", assertThrows(EventFormatException.class, () -> listingPageWith(more)).field());
        String onTheWire = EventCodec.encodeToString(full).replace("\"listed_location_ids\":[", "\"listed_location_ids\":[\"L101\",");
        assertEquals("listed_location_ids", rejected(onTheWire).field(), "101 on the wire");
    }

    private static JobEvent listingPageWith(List<String> listed) {
        JobEvent sample = SampleEvents.listingPageEvent();
        return new JobEvent(sample.jobId(), sample.createdAt(), sample.taskId(), sample.attempt(), sample.outcome(),
                sample.spawnedTaskIds(), 0, 1, 0, 0, null, 0, 0, 0, 0, null, 0, listed);
    }

    @Test
    void aVersionOneJobEventListedNoRequestedLocations() {
        String v1 = listingPage().replace("\"schema_version\":2", "\"schema_version\":1")
                .replaceAll(",\"reviews_(new|updated|unchanged|deleted)\":0", "").replace(",\"incomplete\":null", "")
                .replace(",\"locations_done\":0", "");
        EventFormatException e = rejected(v1);
        assertEquals("listed_location_ids", e.field(), v1);
        assertTrue(e.getMessage().contains("added in version 2"), e.getMessage());
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

    /** A token that a producer's bug put where another value belongs. */
    private static final String TOKEN = "ya29.a0AfB_secret";

    /**
     * A rejected value is never echoed, whatever its field's type: a poison record's reason goes to the log and
     * to fetch-dlq, and the value may be a secret. The message names the field and the kind of problem.
     */
    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "fetch_reviews   | page_number    | \"TOKEN\"       | page_number",
            "fetch_reviews   | attempt        | \"TOKEN\"       | attempt",
            "fetch_reviews   | mode           | \"TOKEN\"       | mode",
            "fetch_reviews   | created_at     | \"TOKEN\"       | created_at",
            "fetch_reviews   | location_id    | [\"TOKEN\"]     | location_id",
            "fetch_reviews   | page_number    | TOKEN_NUMBER    | page_number",
            "fetch_accounts  | account_ids    | \"TOKEN\"       | account_ids",
            "fetch_accounts  | page_number    | \"TOKEN\"       | page_number",
            "review_raw      | star_rating    | \"TOKEN\"       | star_rating",
            "review_raw      | is_anonymous   | \"TOKEN\"       | reviewer.is_anonymous",
            "review_raw      | create_time    | \"TOKEN\"       | create_time",
            "retry_request   | retry_after_ms | \"TOKEN\"       | failures[0].retry_after_ms",
            "retry_request   | http_status    | \"TOKEN\"       | failures[0].http_status",
            "retry_request   | retryable      | \"TOKEN\"       | failures[0].retryable",
            "retry_request   | page_number    | \"TOKEN\"       | event.page_number",
            "job_event       | outcome        | \"TOKEN\"       | outcome",
            "job_event       | accounts       | \"TOKEN\"       | accounts",
            "job_event       | listed_location_ids | \"TOKEN\"  | listed_location_ids",
            "job_event       | listed_location_ids | [TOKEN_NUMBER] | listed_location_ids[0]",
            "poison_letter   | value_bytes    | \"TOKEN\"       | poison.value_bytes",
            "fetch_reviews   | type           | \"TOKEN\"       | type",
            "fetch_reviews   | schema_version | \"TOKEN\"       | schema_version",
    })
    void aWrongValueIsNeverEchoed(String type, String field, String value, String path) {
        String json = withValue(EventCodec.encodeToString(sample(type)), field,
                value.replace("TOKEN_NUMBER", "29e999999").replace("TOKEN", TOKEN));
        EventFormatException e = rejected(json);
        assertEquals(path, e.field(), e.getMessage());
        assertSafe(e);
    }

    /** Input that is not JSON at all is not quoted either (Jackson quotes the token it stumbled on). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a bare token           | TOKEN",
            "a token as a field     | {\"type\":\"fetch_reviews\",TOKEN}",
            "a token after a value  | {\"type\":\"fetch_reviews\"} TOKEN",
            "a field twice          | {\"type\":\"fetch_reviews\",\"job_id\":\"a\",\"job_id\":\"TOKEN\"}",
    })
    void unreadableJsonIsNotQuoted(String why, String json) {
        EventFormatException e = rejected(json.replace("TOKEN", TOKEN));
        assertEquals("$", e.field(), e.getMessage());
        assertSafe(e);
    }

    /** A field's name is input too: an unknown one is named only when it looks like a field name, not like a token. */
    @Test
    void anUnknownFieldNamedLikeATokenIsNotQuoted() {
        EventFormatException e = rejected(reviews().replace("\"credential\":", "\"" + TOKEN + "\":7,\"credential\":"));
        assertEquals("?", e.field(), e.getMessage());
        assertSafe(e);
        String review = review().replace("\"is_anonymous\":false", "\"is_anonymous\":false,\"Bearer " + TOKEN + "\":1");
        assertEquals("reviewer.?", rejected(review).field());
        assertSafe(rejected(review));
    }

    /** Neither the token nor any part of it; the field and a problem are named. */
    private static void assertSafe(EventFormatException e) {
        String message = e.getMessage();
        assertFalse(message.contains("ya29") || message.contains("AfB") || message.contains("secret")
                || message.contains("29e999999"), message);
        assertTrue(message.startsWith(e.field() + ": ") && message.length() > e.field().length() + 2, message);
    }

    /** The JSON with the first value of {@code field} (a scalar or an array of scalars) replaced by {@code value}. */
    private static String withValue(String json, String field, String value) {
        return withValue(json, field, 1, value);
    }

    /** The JSON with the {@code nth} value of {@code field} (counted from 1, nested ones included) replaced. */
    private static String withValue(String json, String field, int nth, String value) {
        java.util.regex.Matcher found = java.util.regex.Pattern
                .compile("\"" + field + "\":(\"[^\"]*\"|-?[0-9]+|true|false|null|\\[[^]]*])").matcher(json);
        for (int i = 0; i < nth; i++) {
            assertTrue(found.find(), "no value " + nth + " of " + field + " in " + json);
        }
        return json.substring(0, found.start()) + "\"" + field + "\":" + value + json.substring(found.end());
    }

    /**
     * Every timestamp of every event, by the occurrence of its name in the sample's JSON. Each value decodes as an
     * instant, but consumers do arithmetic on it (ingress-api's {@code toEpochMilli()}, retry-service's due time),
     * so outside the contract's range it is rejected as poison instead of stalling them.
     */
    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', value = {
            "fetch_accounts  | created_at  | 1 | created_at",
            "fetch_locations | created_at  | 1 | created_at",
            "fetch_reviews   | created_at  | 1 | created_at",
            "review_raw      | created_at  | 1 | created_at",
            "review_raw      | create_time | 1 | create_time",
            "review_raw      | update_time | 1 | update_time",
            "review_raw      | update_time | 2 | reply.update_time",
            "review_raw      | fetched_at  | 1 | fetched_at",
            "review_raw      | expires_at  | 1 | expires_at",
            "retry_request   | created_at  | 1 | created_at",
            "retry_request   | created_at  | 2 | event.created_at",
            "retry_request   | at          | 1 | failures[0].at",
            "retry_request   | at          | 2 | failures[1].at",
            "dead_letter     | created_at  | 1 | created_at",
            "dead_letter     | created_at  | 2 | event.created_at",
            "dead_letter     | at          | 1 | failures[0].at",
            "poison_letter   | created_at  | 1 | created_at",
            "job_event       | created_at  | 1 | created_at",
    })
    void aTimestampOutsideTheContractsRangeIsRejected(String type, String field, int nth, String path) {
        String json = EventCodec.encodeToString(sample(type));
        for (String unusable : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2200-01-01T00:00:00Z",
                "1999-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z")) {
            EventFormatException e = rejected(withValue(json, field, nth, "\"" + unusable + "\""));
            assertEquals(path, e.field(), unusable + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("between"), e.getMessage());
            assertSafe(e);
        }
        for (String edge : List.of("2000-01-01T00:00:00Z", "2199-12-31T23:59:59.999Z", "2199-12-31T23:59:59.999+00:00")) {
            EventCodec.decode(withValue(json, field, nth, "\"" + edge + "\""));
        }
    }

    /** retry-service adds the delay to the failure's time and turns the wait into milliseconds. */
    @ParameterizedTest(name = "retry_after_ms = {0}")
    @CsvSource({"-1", "86400001", "9223372036854775807", "-9223372036854775808"})
    void aRetryAfterOutsideTheContractsRangeIsRejected(String value) {
        String json = EventCodec.encodeToString(SampleEvents.retryRequest());
        for (int nth = 1; nth <= 2; nth++) {
            EventFormatException e = rejected(withValue(json, "retry_after_ms", nth, value));
            assertEquals("failures[" + (nth - 1) + "].retry_after_ms", e.field(), e.getMessage());
            assertTrue(e.getMessage().contains("between"), e.getMessage());
            assertSafe(e);
        }
        for (String edge : List.of("0", "86400000", "null")) {
            EventCodec.decode(withValue(json, "retry_after_ms", 2, edge));
        }
    }

    @Test
    void anEventOutsideTheRangesCannotBeBuiltEither() {
        Instant far = Instant.parse("+999999999-12-31T23:59:59Z");
        assertEquals("created_at", assertThrows(EventFormatException.class,
                () -> new FetchAccounts("j", far, SampleEvents.CREDENTIAL, null, null, FetchMode.FULL, 0)).field());
        assertEquals("at", assertThrows(EventFormatException.class,
                () -> new Failure(0, Instant.EPOCH, null, "x", true, null)).field());
        assertEquals("retry_after_ms", assertThrows(EventFormatException.class,
                () -> new Failure(0, SampleEvents.NOW, null, "x", true, Long.MAX_VALUE)).field());
        assertEquals(Failure.MAX_RETRY_AFTER_MS, new Failure(0, SampleEvents.NOW, null, "x", true, Failure.MAX_RETRY_AFTER_MS)
                .retryAfterMs());
    }

    private static Event sample(String type) {
        return switch (type) {
            case "fetch_accounts" -> SampleEvents.fetchAccounts();
            case "fetch_locations" -> SampleEvents.fetchLocations();
            case "review_raw" -> SampleEvents.reviewRaw();
            case "retry_request" -> SampleEvents.retryRequest();
            case "dead_letter" -> SampleEvents.deadLetter();
            case "poison_letter" -> SampleEvents.poisonDeadLetter();
            case "job_event" -> SampleEvents.jobEvent();
            default -> SampleEvents.fetchReviews();
        };
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

    private static String batch() {
        return EventCodec.encodeToString(SampleEvents.fetchReviewBatch());
    }

    private static FetchReviewBatch batchOf(int locations, FetchMode mode) {
        List<FetchReviewBatch.WatermarkedLocation> batch = java.util.stream.IntStream.rangeClosed(1, locations)
                .mapToObj(i -> new FetchReviewBatch.WatermarkedLocation("L" + i, "Place " + i, null, SampleEvents.NOW))
                .toList();
        return new FetchReviewBatch(SampleEvents.JOB, SampleEvents.NOW, SampleEvents.CREDENTIAL, "111", batch, null, 1, null, mode, 0, null);
    }

    /** Google takes at most 50 locationNames a call; a batch of none would be a task with nothing to do. */
    @Test
    void aBatchHoldsOneToFiftyLocations() {
        assertEquals(50, batchOf(50, FetchMode.INCREMENTAL).locations().size());
        assertEquals("locations", assertThrows(EventFormatException.class, () -> batchOf(51, FetchMode.INCREMENTAL)).field());
        assertEquals("locations", assertThrows(EventFormatException.class, () -> batchOf(0, FetchMode.INCREMENTAL)).field());
        String fifty = EventCodec.encodeToString(batchOf(50, FetchMode.INCREMENTAL));
        String fiftyOne = fifty.replace("\"locations\":[", "\"locations\":[{\"location_id\":\"L0\",\"location_name\":\"P\","
                + "\"maps_uri\":null,\"watermark\":\"2026-11-01T08:00:00Z\",\"newest_seen\":null},");
        assertEquals("locations", rejected(fiftyOne).field(), "51 on the wire");
        assertEquals("locations", rejected(batch().replaceFirst("\"locations\":\\[.*\\],\"page_token\"", "\"locations\":[],\"page_token\"")).field());
        assertEquals("locations", rejected(batch().replaceFirst("\"locations\":\\[.*\\],\"page_token\"", "\"locations\":null,\"page_token\"")).field());
    }

    /** A full run walks each location on its own: a batch stands only for what changed since the watermarks. */
    @Test
    void aBatchIsIncrementalOnly() {
        assertEquals("mode", assertThrows(EventFormatException.class, () -> batchOf(3, FetchMode.FULL)).field());
        assertEquals("mode", rejected(batch().replace("\"mode\":\"incremental\"", "\"mode\":\"full\"")).field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a location twice        | \"location_id\":\"333\"          | \"location_id\":\"222\"        | locations[1].location_id",
            "no watermark            | \"watermark\":\"2026-10-15T12:00:00Z\" | \"watermark\":null  | locations[1].watermark",
            "a watermark not a time  | \"watermark\":\"2026-10-15T12:00:00Z\" | \"watermark\":7     | locations[1].watermark",
            "a blank location id     | \"location_id\":\"333\"          | \"location_id\":\" \"          | locations[1].location_id",
            "a location id as number | \"location_id\":\"333\"          | \"location_id\":333            | locations[1].location_id",
            "no location name        | \"location_name\":\"Acme Dental – Bern\" | \"location_name\":null | locations[1].location_name",
            "newest_seen not a time  | \"newest_seen\":null               | \"newest_seen\":\"yesterday\"    | locations[1].newest_seen",
            "an unknown field        | \"newest_seen\":null               | \"newest_seen\":null,\"total\":3 | locations[1].total",
    })
    void aBatchLocationIsCheckedAndNamedByItsPath(String why, String field, String replacement, String path) {
        String json = batch().replace(field, replacement);
        assertFalse(json.equals(batch()), why);
        assertEquals(path, rejected(json).field(), json);
    }

    @Test
    void listsMustNotHoldNulls() {
        String json = EventCodec.encodeToString(SampleEvents.fetchAccounts()).replace("[\"222\",\"333\"]", "[\"222\",null]");
        assertEquals("location_ids[1]", rejected(json).field());
    }
}
