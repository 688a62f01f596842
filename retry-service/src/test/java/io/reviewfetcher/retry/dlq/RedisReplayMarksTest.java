package io.reviewfetcher.retry.dlq;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.retry.RetryConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay marks against the real Redis the service uses, each test with a key of its own. */
@QuarkusTest
class RedisReplayMarksTest {
    private static final Duration KEEP = Duration.ofDays(30);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    RetryConfig config;

    private final String key = RedisReplayMarks.KEY + ":test-" + UUID.randomUUID();

    @AfterEach
    void dropKey() {
        redis.key().del(key).await().indefinitely();
    }

    private static DeadLetterArchive.Stored at(int partition, long offset) {
        Instant now = Instant.now();
        FetchReviews page = new FetchReviews("job-1", now, "client:42", "111", "222", "Cafe", null, null, 1, FetchMode.FULL, 8);
        return new DeadLetterArchive.Stored(partition, offset, new DeadLetter("job-1", now, "fetch-reviews", "503", page,
                List.of(new Failure(8, now, 503, "503", true, null)), null));
    }

    private static List<DeadLetterArchive.Stored> letters(DeadLetterArchive.Stored... letters) {
        return Arrays.asList(letters);
    }

    private RedisReplayMarks marks() {
        return new RedisReplayMarks(redis, key, KEEP);
    }

    @Test
    void eachListedLetterGetsItsLastReplaysTimeOrNullInOneAnswer() {
        RedisReplayMarks marks = marks();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant second = first.plusSeconds(10);
        marks.mark(letters(at(0, 7), at(3, 7)), first).await().indefinitely();
        marks.mark(letters(at(3, 7)), second).await().indefinitely();

        List<Instant> replayed = marks.replayedAt(letters(at(3, 7), at(0, 8), at(0, 7))).await().indefinitely();

        assertEquals(Arrays.asList(second, null, first), replayed, "position by position, a second replay's time winning");
        assertEquals(List.of(), marks.replayedAt(List.of()).await().indefinitely());
    }

    @Test
    void marksOlderThanTheTopicsRetentionAreDroppedAtTheNextWriteAndTheKeyLivesThatLong() {
        RedisReplayMarks marks = marks();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        marks.mark(letters(at(0, 1)), now.minus(KEEP).minusSeconds(60)).await().indefinitely();
        marks.mark(letters(at(0, 2)), now.minus(KEEP).plusSeconds(60)).await().indefinitely();
        marks.mark(letters(at(0, 3)), now).await().indefinitely();

        assertEquals(List.of("0:2", "0:3"), redis.sortedSet(String.class).zrange(key, 0, -1).await().indefinitely());
        long ttl = redis.key().pttl(key).await().indefinitely();
        assertTrue(ttl > KEEP.minusMinutes(1).toMillis() && ttl <= KEEP.toMillis(), "pttl " + ttl);
    }

    @Test
    void aReplayOfNothingWritesNothing() {
        marks().mark(List.of(), Instant.now()).await().indefinitely();

        assertFalse(redis.key().exists(key).await().indefinitely());
    }

    @Test
    void theMarksAreKeptAsLongAsFetchDlqKeepsItsLetters() throws IOException {
        long retentionMs = Files.readAllLines(Path.of("../deploy/kafka/topics.txt")).stream()
                .map(String::trim).filter(line -> line.startsWith("fetch-dlq "))
                .mapToLong(line -> Long.parseLong(line.split("\\s+")[2])).findFirst().orElseThrow();
        assertEquals(Duration.ofMillis(retentionMs), config.dlqRetention());
    }
}
