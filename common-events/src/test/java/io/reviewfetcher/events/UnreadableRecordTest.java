package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a record that fails strict decoding still tells of its job and task: only values shaped like ids, read from
 * the few fields that name a task, and nothing where they contradict each other.
 */
class UnreadableRecordTest {
    private static final String TOKEN = "ya29.a0AfB_secret";

    /** The sample made poison by a token where its credential reference belongs; its ids stay as they were. */
    private static String poison(Event event) {
        String json = EventCodec.encodeToString(event);
        String credential = json.replaceFirst(".*\"credential\":\"([^\"]*)\".*", "$1");
        return json.replace("\"credential\":\"" + credential + "\"", "\"credential\":\"" + TOKEN + "\"");
    }

    private static UnreadableRecord read(String json, String jobKey) {
        return UnreadableRecord.read(json.getBytes(StandardCharsets.UTF_8), jobKey);
    }

    @Test
    void everyStageEventNamesTheTaskItWouldHaveHad() {
        for (StageEvent event : new StageEvent[] {SampleEvents.fetchAccounts(), SampleEvents.fetchLocations(), SampleEvents.fetchReviews(),
                SampleEvents.fetchReviewBatch()}) {
            UnreadableRecord read = read(poison(event), null);
            assertEquals(new UnreadableRecord(SampleEvents.JOB, TaskIds.of(event), event.attempt()), read);
            assertTrue(read.namesTask());
        }
    }

    @Test
    void aRetryRequestNamesTheTaskOfItsEvent() {
        String json = EventCodec.encodeToString(SampleEvents.retryRequest()).replace("\"reason\":\"UNAVAILABLE\"", "\"reason\":7");
        assertEquals(new UnreadableRecord(SampleEvents.JOB, "reviews:222:2", 0), read(json, SampleEvents.JOB));
    }

    @Test
    void aVersionOneListingEventWithoutAPageNumberIsItsFirstPage() {
        String v1 = "{\"type\":\"fetch_locations\",\"schema_version\":1,\"job_id\":\"j-1\",\"created_at\":\"2026-11-21T10:15:30Z\","
                + "\"credential\":\"" + TOKEN + "\",\"account_id\":\"111\",\"account_name\":\"A\",\"location_ids\":null,\"mode\":\"full\",\"attempt\":0}";
        assertEquals("locations:111", read(v1, null).taskId());
        String v2 = v1.replace("\"schema_version\":1", "\"schema_version\":2");
        assertNull(read(v2, null).taskId(), "version 2 must say which page");
        assertEquals("j-1", read(v2, null).jobId());
    }

    @Test
    void theKeyOfATopicKeyedByJobIdNamesTheJobAlone() {
        UnreadableRecord bytes = UnreadableRecord.read(new byte[] {1, 2}, "job-7");
        assertEquals("job-7", bytes.jobId());
        assertNull(bytes.taskId());
        assertFalse(bytes.namesTask());
        assertEquals(UnreadableRecord.NOTHING, UnreadableRecord.read(null, null));
    }

    @Test
    void aKeyAndAJobIdThatDisagreeNameNothing() {
        String json = poison(SampleEvents.fetchAccounts());
        assertEquals(UnreadableRecord.NOTHING, read(json, "job-7"));
        String inside = EventCodec.encodeToString(SampleEvents.retryRequest()).replace("\"reason\":\"UNAVAILABLE\"", "\"reason\":7")
                .replaceFirst("(\"event\":\\{\"type\":\"fetch_reviews\",\"schema_version\":2,\"job_id\":)\"[^\"]*\"", "$1\"job-2\"");
        assertTrue(inside.contains("job-2"), inside);
        assertEquals(UnreadableRecord.NOTHING, read(inside, null), "the request and its event name different jobs");
    }

    /** A field given twice could be read either way: the record names nothing. */
    @Test
    void aFieldGivenTwiceNamesNothing() {
        String json = poison(SampleEvents.fetchReviews()).replace("\"location_id\":\"222\"", "\"location_id\":\"222\",\"location_id\":\"333\"");
        assertNull(read(json, null).taskId());
        assertNull(read(json, null).jobId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a token as job id            | \"job_id\":\"TOKEN\"",
            "a job id with a space        | \"job_id\":\"Bearer x\"",
            "a job id too long            | \"job_id\":\"LONG\"",
            "a token as location id       | \"location_id\":\"TOKEN\"",
            "a location id with a slash   | \"location_id\":\"locations/222\"",
            "a location id as a number    | \"location_id\":222",
            "a location id as an array    | \"location_id\":[\"222\"]",
            "a page number as text        | \"page_number\":\"2\"",
            "a page number of zero        | \"page_number\":0",
            "a page number as a fraction  | \"page_number\":2.5",
            "a type of no stage event     | \"type\":\"review_raw\"",
            "an unknown type              | \"type\":\"fetch_photos\"",
            "a type as a number           | \"type\":3",
    })
    void aValueNotShapedLikeAnIdNamesNoTaskAndIsNeverTaken(String why, String replacement) {
        String json = poison(SampleEvents.fetchReviews());
        String field = replacement.substring(0, replacement.indexOf(':'));
        String changed = json.replaceFirst(field + ":(\"[^\"]*\"|[0-9]+)", replacement.replace("TOKEN", TOKEN)
                .replace("LONG", "j".repeat(65)));
        assertFalse(changed.equals(json), why);

        UnreadableRecord read = read(changed, null);

        assertFalse(read.namesTask(), read.toString());
        String taken = read.jobId() + " " + read.taskId();
        assertFalse(taken.contains("ya29") || taken.contains("/") || taken.contains("Bearer") || taken.contains("jjjj"), taken);
    }

    @Test
    void aBatchWithoutAFirstLocationShapedLikeAnIdNamesNoTask() {
        String json = poison(SampleEvents.fetchReviewBatch());
        assertEquals("reviews-batch:111:222:2", read(json, null).taskId());
        assertNull(read(json.replace("\"location_id\":\"222\"", "\"location_id\":\"" + TOKEN + "\""), null).taskId());
        assertNull(read(json.replaceFirst("\"locations\":\\[.*\\],\"page_token\"", "\"locations\":[],\"page_token\""), null).taskId());
        assertNull(read(json.replace("\"account_id\":\"111\"", "\"account_id\":111"), null).taskId());
    }

    @Test
    void anAttemptThatIsNoCountIsTheFirst() {
        String json = poison(SampleEvents.fetchLocations()).replace("\"attempt\":1", "\"attempt\":\"" + TOKEN + "\"");
        assertEquals(new UnreadableRecord(SampleEvents.JOB, "locations:111:p2", 0), read(json, null));
    }
}
