package io.reviewfetcher.retry;

import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Per generation of a task (see {@link #generation}): every failure so far (a dead letter carries the whole
 * history) and who re-publishes each attempt, so that an attempt is published once even when two records
 * stand for it (a record redelivered after a crash, read again by a partition's new owner, or a failure
 * reported twice).
 */
public interface RetryHistory {

    /** What a holder of a retry may do with the attempt after its failure. */
    enum Claim {
        /** This holder's to publish: claimed now, or claimed by it before and not yet published. */
        PUBLISH,
        /** Published already: only acknowledge. */
        PUBLISHED,
        /** Another holder claimed it and may be publishing it now: look again later. */
        TAKEN
    }

    Uni<Void> remember(RetryRequest request);

    /**
     * Atomically, for the attempt after {@code request}'s failure: claims it for {@code holder} (a holding of
     * one record by one pod) unless it is published or another holder's. A claim lapses after a while, so the
     * attempt of a holder that died before publishing it is not lost.
     */
    Uni<Claim> claim(RetryRequest request, String holder);

    Uni<Void> markPublished(RetryRequest request);

    /** Every failure of the task's generation, oldest first, including those of {@code latest}. */
    Uni<List<Failure>> failures(RetryRequest latest);

    /**
     * Job and task, and for a replay its time: an operator's replay is a generation of its own, since the run
     * that was dead-lettered had used up every attempt (as published) and its history would swallow the
     * replay's. A first run keeps the key it had before replays had generations.
     */
    static String generation(RetryRequest request) {
        StageEvent task = request.event();
        String firstRun = request.jobId() + ":" + TaskIds.of(task);
        return task.replayedAt() == null ? firstRun : firstRun + ":replay:" + task.replayedAt().toEpochMilli();
    }
}
