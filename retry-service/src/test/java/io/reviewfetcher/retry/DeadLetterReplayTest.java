package io.reviewfetcher.retry;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.retry.dlq.DeadLetterArchive;
import io.reviewfetcher.retry.dlq.DeadLetterResource;
import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replay of dead letters, without Kafka: the archive and the broker are stand-ins. */
class DeadLetterReplayTest {
    private static final String ADMIN_KEY = "admin-key-of-sixteen-chars";
    private static final Instant FAILED_AT = Instant.parse("2026-11-21T10:00:00Z");

    /** fetch-dlq as a list. */
    static final class Archive extends DeadLetterArchive {
        final List<DeadLetter> letters = new ArrayList<>();

        Archive() {
            super("nowhere:9092");
        }

        @Override
        public List<Stored> find(Predicate<DeadLetter> wanted, int limit) {
            List<Stored> found = new ArrayList<>();
            for (int offset = 0; offset < letters.size() && found.size() < limit; offset++) {
                if (wanted.test(letters.get(offset))) {
                    found.add(new Stored(0, offset, letters.get(offset)));
                }
            }
            return found;
        }
    }

    private final Archive archive = new Archive();
    private final RetryStageTest.Publisher publisher = new RetryStageTest.Publisher();
    private final DeadLetterResource resource = new DeadLetterResource(archive, publisher, new ApiKeys(new ApiKeyConfig() {
        @Override
        public Optional<List<String>> caller() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> permits() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> credentials() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> admin() {
            return Optional.of(List.of(ADMIN_KEY));
        }
    }));

    private static FetchReviews page(String location, int attempt) {
        return new FetchReviews("job-1", FAILED_AT, "client:42", "111", location, "Cafe", null, null, 1, FetchMode.FULL, attempt);
    }

    /** The dead letter of a task whose nine attempts all failed. */
    private static DeadLetter exhausted(String location) {
        return new DeadLetter("job-1", FAILED_AT, "fetch-reviews", "retries exhausted after 9 attempts: 503", page(location, 8),
                List.of(new Failure(8, FAILED_AT, 503, "503", true, null)), null);
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
}
