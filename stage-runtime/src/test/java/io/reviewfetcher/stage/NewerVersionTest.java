package io.reviewfetcher.stage;

import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.RetryRequest;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A record of a newer schema_version than this pod reads is no poison: a newer pod wrote it during a rolling deploy.
 * It is left unacknowledged, so uncommitted, for the newer pod that reads its partition next; this pod goes on with
 * the records it can read.
 */
class NewerVersionTest extends StageFixture {

    /** The page as a newer pod might write it: a version this code does not know, with a field it does not know. */
    static String newer(String json) {
        return json.replace("\"type\":\"fetch_reviews\",\"schema_version\":2,",
                "\"type\":\"fetch_reviews\",\"schema_version\":3,\"priority\":\"high\",");
    }

    @Test
    void aNewerVersionIsNeitherDeadLetteredNorAcknowledgedAndTheConsumerGoesOn() {
        StageRunner oneSlot = runner(1);
        String json = newer(EventCodec.encodeToString(PAGE));
        assertTrue(json.contains("\"schema_version\":3"), json);
        Fakes.Record newer = new Fakes.Record("fetch-reviews", 2, 10, "222", json.getBytes(StandardCharsets.UTF_8), timeline);
        Fakes.Record next = record(PAGE, 11);

        oneSlot.run(newer.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        oneSlot.run(next.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        next.awaitSettled();

        assertTrue(next.acked, "the slot was given back and the next record worked");
        assertEquals(1, worked.get());
        assertFalse(newer.acked, "not acknowledged: its partition is not committed past it, a newer pod reads it");
        assertNull(newer.nacked, "not nacked: that would stop the channel");
        assertFalse(newer.settled.isDone());
        assertEquals(2, publisher.sent.size(), "only the next record's results: no dead letter, no job event");
        assertEquals(0, counter("stage.records.poison", "topic", "fetch-reviews"));
    }

    @Test
    void aRetryOfANewerVersionIsLeftForANewerPodToo() {
        RetryRequest retry = new RetryRequest("job-1", NOW, PAGE, List.of(new Failure(2, NOW, 503, "UNAVAILABLE", true, null)));
        String json = newer(EventCodec.encodeToString(retry));
        assertTrue(json.contains("\"schema_version\":3"), json);
        Fakes.Record record = new Fakes.Record("fetch-retry", 0, 3, "job-1", json.getBytes(StandardCharsets.UTF_8), timeline);

        runner.runOrHold(record.message, RetryRequest.class, (request, position) -> fail("this pod cannot read it"))
                .await().atMost(AWAIT);

        assertEquals(List.of(), publisher.sent);
        assertFalse(record.acked);
        assertNull(record.nacked);
    }

    @Test
    void aNewerVersionMakesThePodNotReadyAndSaysWhy() {
        NewerEventsCheck check = new NewerEventsCheck(newerEvents);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus(), "nothing newer met: ready");
        byte[] json = newer(EventCodec.encodeToString(PAGE)).getBytes(StandardCharsets.UTF_8);

        for (long offset = 20; offset < 22; offset++) {
            Fakes.Record record = new Fakes.Record("fetch-reviews", 2, offset, "222", json, timeline);
            runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        }
        Fakes.Record readable = record(PAGE, 22);
        runner.run(readable.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        readable.awaitSettled();

        HealthCheckResponse down = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus(), "still down after a record it can read: it is old");
        assertEquals(NewerEventsCheck.NAME, down.getName());
        Map<String, Object> data = down.getData().orElseThrow();
        assertEquals("a newer event version seen: upgrade this pod", data.get("fix"));
        assertEquals("fetch_reviews", data.get("type"));
        assertEquals(2L, data.get("newest_version_read"));
        assertEquals(2L, data.get("records_left_unacknowledged"));
        assertFalse(data.values().stream().anyMatch(value -> String.valueOf(value).equals("3")), "the record's own version is not echoed");
        assertEquals(2, counter("stage.records.newer.version", "topic", "fetch-reviews"));
    }
}
