package io.reviewfetcher.stage.dedup;

import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the finished-task book sends to Redis: one short key per job, kept as long as Kafka can bring a record back. */
class FinishedTasksTest {
    private final FakeRedis redis = new FakeRedis();
    private final FinishedTasks finished = FinishedTasks.inRedis(redis.dataSource());

    private static FetchReviews page(int number) {
        return new FetchReviews("job-1", Instant.parse("2026-01-01T00:00:00Z"), "client:42", "1", "9", "Cafe", null,
                number == 1 ? null : "token-" + number, number, FetchMode.FULL, 0);
    }

    @Test
    void aFinishedTaskIsKeptEightDaysUnderAShortKey() {
        finished.add(page(2)).await().indefinitely();
        assertEquals(Map.of("rf:ft:job-1", Set.of("reviews:9:2")), redis.sets);
        assertEquals(Map.of("rf:ft:job-1", 691_200L), redis.ttlSeconds);
        assertTrue(finished.contains(page(2)).await().indefinitely());
        assertFalse(finished.contains(page(3)).await().indefinitely());
    }

    @Test
    void aTaskFinishedUnderTheOldKeyIsStillFinished() {
        // Marked by the release before the rename: a record of that job redelivered to this release is not worked again.
        redis.sets.put("rf:job:job-1:finished", Set.of("reviews:9:2"));
        assertTrue(finished.contains(page(2)).await().indefinitely());
        assertFalse(finished.contains(page(3)).await().indefinitely());
    }
}
