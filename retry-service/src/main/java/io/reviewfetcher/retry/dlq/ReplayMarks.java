package io.reviewfetcher.retry.dlq;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/**
 * Which dead letters were replayed, and when last. fetch-dlq is an archive: a replayed letter stays in it and
 * would look exactly like one still waiting, so each replay marks the positions it published.
 */
public interface ReplayMarks {

    /** Marks {@code letters} as replayed at {@code replayedAt}; a letter marked before keeps the later time. */
    Uni<Void> mark(List<DeadLetterArchive.Stored> letters, Instant replayedAt);

    /** For each of {@code letters}, in the same order, when it was last replayed, or null if never. */
    Uni<List<Instant>> replayedAt(List<DeadLetterArchive.Stored> letters);
}
