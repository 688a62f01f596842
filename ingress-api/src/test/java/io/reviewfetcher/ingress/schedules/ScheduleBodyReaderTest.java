package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.submission.InvalidSubmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schedule bodies: what is read, what is refused as malformed (400) or invalid (422), and that no refusal repeats
 * the value it refused. Plain unit test of {@link ScheduleBodyReader} with the default bounds.
 */
class ScheduleBodyReaderTest {

    private static final String SECRET = "ya29SECRETsecret";

    private final ScheduleBodyReader reader = new ScheduleBodyReader(
            new IntervalRules(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(366)), 1000);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private InvalidSubmission refusedNew(String body) {
        return assertThrows(InvalidSubmission.class, () -> reader.readNew(json(body)));
    }

    private InvalidSubmission refusedPatch(String body) {
        return assertThrows(InvalidSubmission.class, () -> reader.readPatch(json(body)));
    }

    private static void assertNamesOnly(InvalidSubmission refusal, InvalidSubmission.Kind kind, String field, String rejected) {
        assertEquals(kind, refusal.kind(), refusal.detail());
        assertTrue(refusal.errors().stream().anyMatch(e -> e.field().equals(field)), refusal.errors().toString());
        assertFalse(refusal.detail().contains(rejected), "the detail must not repeat the value: " + refusal.detail());
        refusal.errors().forEach(e -> assertFalse(e.message().contains(rejected), e.message()));
    }

    @Test
    void aFullBodyIsRead() {
        NewSchedule schedule = reader.readNew(json("""
                {"client_id": "acme-reviews", "account_ids": ["111", "111", "222"], "location_ids": ["9"],
                 "incremental_every": "PT15M", "full_every": "P1D", "paused": true}"""));

        assertEquals("acme-reviews", schedule.clientId());
        assertEquals(List.of("111", "222"), schedule.accountIds(), "ids without repeats");
        assertEquals(List.of("9"), schedule.locationIds());
        assertEquals(Duration.ofMinutes(15), schedule.incrementalEvery());
        assertEquals(Duration.ofDays(1), schedule.fullEvery());
        assertTrue(schedule.paused());
    }

    @Test
    void oneIntervalIsEnoughAndTheScopeIsOptional() {
        NewSchedule incremental = reader.readNew(json("{\"client_id\":\"acme\",\"incremental_every\":\"PT5M\"}"));
        NewSchedule full = reader.readNew(json("{\"client_id\":\"acme\",\"full_every\":\"PT1H\",\"incremental_every\":null}"));

        assertEquals(Duration.ofMinutes(5), incremental.incrementalEvery(), "the minimum itself is allowed");
        assertNull(incremental.fullEvery());
        assertNull(incremental.accountIds());
        assertNull(incremental.locationIds());
        assertFalse(incremental.paused());
        assertEquals(Duration.ofHours(1), full.fullEvery());
        assertNull(full.incrementalEvery());
    }

    @Test
    void atLeastOneIntervalIsRequired() {
        InvalidSubmission refusal = refusedNew("{\"client_id\":\"acme\"}");

        assertEquals(InvalidSubmission.Kind.INVALID, refusal.kind());
        assertEquals(List.of("incremental_every", "full_every"), refusal.errors().stream().map(InvalidSubmission.FieldError::field).toList());
    }

    @Test
    void theClientIsRequiredAndChecked() {
        assertNamesOnly(refusedNew("{\"full_every\":\"P1D\"}"), InvalidSubmission.Kind.INVALID, "client_id", "P1D");
        assertNamesOnly(refusedNew("{\"client_id\":\"" + SECRET + "/x\",\"full_every\":\"P1D\"}"), InvalidSubmission.Kind.INVALID,
                "client_id", SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"15 minutes", "PT7", "P1M", "P1Y", "P2W", "", "ya29SECRETsecret"})
    void aMalformedDurationIsRefusedWithoutRepeatingIt(String duration) {
        InvalidSubmission refusal = refusedNew("{\"client_id\":\"acme\",\"incremental_every\":\"" + duration + "\"}");

        assertEquals(List.of("incremental_every"), refusal.errors().stream().map(InvalidSubmission.FieldError::field).toList());
        assertTrue(refusal.errors().get(0).message().startsWith("must be an ISO-8601 duration"), refusal.errors().get(0).message());
        if (!duration.isEmpty()) {
            assertNamesOnly(refusal, InvalidSubmission.Kind.INVALID, "incremental_every", duration);
        }
    }

    @Test
    void anIntervalUnderItsMinimumIsRefused() {
        InvalidSubmission incremental = refusedNew("{\"client_id\":\"acme\",\"incremental_every\":\"PT4M59S\"}");
        InvalidSubmission full = refusedNew("{\"client_id\":\"acme\",\"full_every\":\"PT59M\"}");
        InvalidSubmission negative = refusedNew("{\"client_id\":\"acme\",\"full_every\":\"-P1D\"}");

        assertEquals("must be at least PT5M", incremental.errors().get(0).message());
        assertEquals("must be at least PT1H", full.errors().get(0).message());
        assertEquals("must be at least PT1H", negative.errors().get(0).message());
        assertNamesOnly(incremental, InvalidSubmission.Kind.INVALID, "incremental_every", "PT4M59S");
    }

    @Test
    void anIntervalOverTheMaximumOrWithFractionsIsRefused() {
        assertEquals("must be at most P366D", refusedNew("{\"client_id\":\"acme\",\"full_every\":\"P367D\"}").errors().get(0).message());
        assertEquals("must be a whole number of seconds",
                refusedNew("{\"client_id\":\"acme\",\"incremental_every\":\"PT300.5S\"}").errors().get(0).message());
    }

    @Test
    void everyBadValueIsNamedInOneRefusal() {
        InvalidSubmission refusal = refusedNew("""
                {"client_id": "a/b", "account_ids": [], "location_ids": ["9", "locations/9"], "incremental_every": "PT1M", "full_every": "x"}""");

        assertEquals(List.of("client_id", "account_ids", "location_ids[1]", "incremental_every", "full_every"),
                refusal.errors().stream().map(InvalidSubmission.FieldError::field).toList());
    }

    @Test
    void anUnknownFieldIsMalformedAndNamedOnlyWhenItLooksLikeAName() {
        InvalidSubmission named = refusedNew("{\"client_id\":\"acme\",\"full_every\":\"P1D\",\"mode\":\"full\"}");
        InvalidSubmission unnamed = refusedNew("{\"client_id\":\"acme\",\"full_every\":\"P1D\",\"" + SECRET + "=\":1}");

        assertEquals(InvalidSubmission.Kind.MALFORMED, named.kind());
        assertEquals("mode", named.errors().get(0).field());
        assertNamesOnly(unnamed, InvalidSubmission.Kind.MALFORMED, "body", SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"client_id\": 12, \"full_every\": \"P1D\"}",
            "{\"client_id\": \"acme\", \"full_every\": 86400}",
            "{\"client_id\": \"acme\", \"full_every\": \"P1D\", \"paused\": \"yes\"}",
            "{\"client_id\": \"acme\", \"full_every\": \"P1D\", \"account_ids\": \"111\"}",
            "{\"client_id\": \"acme\", \"full_every\": \"P1D\", \"account_ids\": [111]}"})
    void aWrongJsonTypeIsMalformed(String body) {
        assertEquals(InvalidSubmission.Kind.MALFORMED, refusedNew(body).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "not json", "[]", "null", "\"text\"",
            "{\"client_id\":\"a\",\"client_id\":\"b\",\"full_every\":\"P1D\"}",
            "{\"client_id\":\"acme\",\"full_every\":\"P1D\"} {}"})
    void aBodyThatIsNoSingleObjectIsMalformed(String body) {
        InvalidSubmission refusal = refusedNew(body);

        assertEquals(InvalidSubmission.Kind.MALFORMED, refusal.kind());
    }

    @Test
    void aPatchTellsAFieldLeftOutFromOneSetToNull() {
        SchedulePatch patch = reader.readPatch(json("{\"paused\": true, \"full_every\": null, \"location_ids\": [\"9\"]}"));

        assertEquals(Boolean.TRUE, patch.paused());
        assertNull(patch.incrementalEvery(), "left out: no change");
        assertEquals(new SchedulePatch.Change<>(null), patch.fullEvery(), "null: no more full runs");
        assertNull(patch.accountIds());
        assertEquals(new SchedulePatch.Change<>(List.of("9")), patch.locationIds());
    }

    @Test
    void aPatchChecksWhatItSets() {
        assertNamesOnly(refusedPatch("{\"incremental_every\": \"PT1M\"}"), InvalidSubmission.Kind.INVALID, "incremental_every", "PT1M");
        assertNamesOnly(refusedPatch("{\"paused\": null}"), InvalidSubmission.Kind.INVALID, "paused", "null");
        assertEquals(InvalidSubmission.Kind.MALFORMED, refusedPatch("{\"paused\": 1}").kind());
        assertEquals(InvalidSubmission.Kind.MALFORMED, refusedPatch("{\"mode\": \"full\"}").kind());
    }

    @Test
    void aPatchCannotMoveTheScheduleToAnotherClient() {
        InvalidSubmission refusal = refusedPatch("{\"client_id\": \"" + SECRET + "\"}");

        assertNamesOnly(refusal, InvalidSubmission.Kind.INVALID, "client_id", SECRET);
    }
}
