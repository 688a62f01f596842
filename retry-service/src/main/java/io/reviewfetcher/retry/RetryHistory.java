package io.reviewfetcher.retry;

import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.RetryRequest;
import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * Per task: every failure so far (a dead letter carries the whole history) and which attempts were already
 * re-published, so a fetch-retry record redelivered after a crash is not published twice.
 */
public interface RetryHistory {

    Uni<Void> remember(RetryRequest request);

    /** Whether the attempt after {@code request}'s failure was already re-published. */
    Uni<Boolean> published(RetryRequest request);

    Uni<Void> markPublished(RetryRequest request);

    /** Every failure of the task, oldest first, including those of {@code latest}. */
    Uni<List<Failure>> failures(RetryRequest latest);
}
