package io.reviewfetcher.retry;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.retry.dlq.DeadLetterArchive;
import io.reviewfetcher.retry.dlq.DeadLetterResource;
import io.reviewfetcher.retry.dlq.ReplayMarks;
import io.reviewfetcher.support.apikeys.TestApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replay of dead letters, without Kafka or Redis: the archive, the broker and the replay marks are stand-ins. */
class DeadLetterReplayTest {
    private static final String ADMIN_KEY = "admin-key-of-sixteen-chars";
    private static final Instant FAILED_AT = Instant.parse("2026-11-21T10:00:00Z");

    /** fetch-dlq as a list: one partition, the offset a letter's index. {@link #tailReads} counts the unfiltered reads. */
    static final class Archive extends DeadLetterArchive {
        final List<DeadLetter> letters = new ArrayList<>();
        int tailReads;

        Archive() {
            super("nowhere:9092");
        }

        @Override
        public List<Stored> newest(int limit) {
            tailReads++;
            return newest(letter -> true, limit);
        }

        @Override
        public List<Stored> newest(Predicate<DeadLetter> wanted, int limit) {
            return all(wanted).stream().sorted(NEWEST_FIRST).limit(limit).toList();
        }

        @Override
        public List<Stored> all(Predicate<DeadLetter> wanted) {
            List<Stored> found = new ArrayList<>();
            for (int offset = 0; offset < letters.size(); offset++) {
                if (wanted.test(letters.get(offset))) {
                    found.add(new Stored(0, offset, letters.get(offset)));
                }
            }
            return found;
        }
    }

    /** Replay marks in memory; {@link #down} makes every call fail as it would with Redis away. */
    static final class Marks implements ReplayMarks {
        final Map<String, Instant> marked = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public Uni<Void> mark(List<DeadLetterArchive.Stored> letters, Instant replayedAt) {
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("Redis is away"));
            }
            letters.forEach(letter -> marked.put(letter.partition() + ":" + letter.offset(), replayedAt));
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<List<Instant>> replayedAt(List<DeadLetterArchive.Stored> letters) {
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("Redis is away"));
            }
            List<Instant> times = new ArrayList<>();
            letters.forEach(letter -> times.add(marked.get(letter.partition() + ":" + letter.offset())));
            return Uni.createFrom().item(times);
        }
    }

    private final Archive archive = new Archive();
    private final RetryStageTest.Publisher publisher = new RetryStageTest.Publisher();
    private final Marks marks = new Marks();
    private final DeadLetterResource resource = new DeadLetterResource(archive, publisher, new ApiKeys(TestApiKeyConfig.admin(ADMIN_KEY)), marks);

    private static FetchReviews page(String location, int attempt) {
        return new FetchReviews("job-1", FAILED_AT, "client:42", "111", location, "Cafe", null, null, 1, FetchMode.FULL, attempt);
    }

    /** The dead letter of a task whose nine attempts all failed. */
    private static DeadLetter exhausted(String location) {
        return exhausted(location, FAILED_AT);
    }

    private static DeadLetter exhausted(String location, Instant at) {
        return new DeadLetter("job-1", at, "fetch-reviews", "retries exhausted after 9 attempts: 503", page(location, 8),
                List.of(new Failure(8, at, 503, "503", true, null)), null);
    }

    private List<DeadLetterResource.Listed> list(String jobId, Integer limit) {
        return resource.list(ADMIN_KEY, jobId, null, null, limit);
    }

    private List<StageEvent> replayed() {
        return publisher.sent.stream().map(StageEvent.class::cast).toList();
    }

    @Test
    void aReplayIsAFirstTryButNotTheFirstRunsFirstTryAgain() {
        DeadLetter letter = exhausted("222");
        archive.letters.add(letter);

        DeadLetterResource.Replayed answer = resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null));

        assertEquals(1, answer.replayed());
        StageEvent replay = replayed().get(0);
        assertEquals(0, replay.attempt());
        assertEquals(TaskIds.of(letter.event()), TaskIds.of(replay));
        // The first run's retry history (attempts 0 to 7 re-published) must not be taken for this run's.
        assertNotEquals(letter.event().withAttempt(0), replay, "a replay must be told apart from the first run");
    }

    @Test
    void oneReplayIsOneGenerationAndTheNextReplayAnother() throws Exception {
        archive.letters.add(exhausted("222"));
        archive.letters.add(exhausted("333"));

        resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null));
        List<StageEvent> first = replayed();
        assertEquals(2, first.size());
        Instant firstReplay = first.get(0).replayedAt();
        assertNotNull(firstReplay);
        assertEquals(firstReplay, first.get(1).replayedAt());

        // The replayed 222 is dead-lettered again; both of its letters are replayed with the next replay.
        archive.letters.add(new DeadLetter("job-1", Instant.now(), "fetch-reviews", "retries exhausted after 9 attempts: 503",
                first.get(0).withAttempt(8), List.of(new Failure(8, Instant.now(), 503, "503", true, null)), null));
        publisher.sent.clear();
        Thread.sleep(5);
        resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null));

        List<Instant> second = replayed().stream().map(StageEvent::replayedAt).distinct().toList();
        assertEquals(1, second.size(), "one generation per replay: " + second);
        assertTrue(second.get(0).isAfter(firstReplay), "not the first replay's generation, whose retries are used up");
    }

    @Test
    void theListAnswersTheNewestLettersFirstWithOrWithoutAFilter() {
        archive.letters.add(exhausted("222", FAILED_AT));
        archive.letters.add(exhausted("333", FAILED_AT.plusSeconds(60)));
        archive.letters.add(exhausted("444", FAILED_AT.plusSeconds(30)));

        assertEquals(List.of(1L, 2L), list(null, 2).stream().map(DeadLetterResource.Listed::offset).toList());
        assertEquals(1, archive.tailReads, "without a filter only the partitions' tails are read");
        assertEquals(List.of(1L, 2L, 0L), list("job-1", null).stream().map(DeadLetterResource.Listed::offset).toList());
        assertEquals(1, archive.tailReads, "a filter reads the whole topic");
    }

    @Test
    void aReplayedLetterSaysWhenItWasReplayedAndTheOthersSayNull() {
        archive.letters.add(exhausted("222"));
        resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null));
        Instant replayedAt = replayed().get(0).replayedAt();
        archive.letters.add(exhausted("333", FAILED_AT.plusSeconds(60)));

        List<DeadLetterResource.Listed> listed = list(null, null);

        assertEquals(TaskIds.reviews("333", 1), listed.get(0).taskId(), "the newest first");
        assertNull(listed.get(0).replayedAt(), "never replayed");
        assertEquals(replayedAt, listed.get(1).replayedAt(), "the replay's own time, the generation its events carry");
    }

    @Test
    void aReplayThatCouldNotBePublishedMarksNothing() {
        archive.letters.add(exhausted("222"));
        publisher.failWith = new IllegalStateException("the broker is away");

        assertThrows(IllegalStateException.class, () -> resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null)));

        assertTrue(marks.marked.isEmpty(), marks.marked.toString());
        assertNull(list(null, null).get(0).replayedAt());
    }

    @Test
    void withRedisAwayTheListAnswersWithoutMarksAndAReplayStillReplays() {
        archive.letters.add(exhausted("222"));
        marks.down = true;

        DeadLetterResource.Replayed answer = resource.replay(ADMIN_KEY, new DeadLetterResource.ReplayRequest("job-1", null, null));
        assertEquals(1, answer.replayed());
        assertEquals(1, replayed().size());

        List<DeadLetterResource.Listed> listed = list(null, null);
        assertEquals(1, listed.size());
        assertNull(listed.get(0).replayedAt());
    }
}
