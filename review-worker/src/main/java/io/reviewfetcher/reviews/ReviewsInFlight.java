package io.reviewfetcher.reviews;

import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One notification of a review worked at a time in this pod. Two notifications of one review (two edits in a row, a
 * push Google sent twice) are two jobs whose records land on one partition, keyed by location, so on one pod, where a
 * partition's records run side by side: side by side, both would find the store stale and both call Google. The later
 * one waits for the earlier to end, then finds the review fetched since and skips the call.
 */
final class ReviewsInFlight {
    private final Map<String, CompletableFuture<Void>> running = new HashMap<>();

    /** Runs {@code work} once no other work for the same review runs here; its outcome, whatever the earlier one's. */
    <T> Uni<T> oneAtATime(String locationId, String reviewId, Supplier<Uni<T>> work) {
        String key = locationId + " " + reviewId;
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before;
            synchronized (this) {
                before = running.put(key, mine);
            }
            Uni<Void> turn = before == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(before).onFailure().recoverWithNull().replaceWithVoid();
            return turn.chain(work::get).onTermination().invoke(() -> {
                synchronized (this) {
                    running.remove(key, mine);
                }
                mine.complete(null);
            });
        });
    }

    synchronized int size() {
        return running.size();
    }
}
