package io.reviewfetcher.reviews;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Keeps the review store within Google's terms and its size: reviews past {@code expires_at} (30 days after they were
 * last fetched) and tombstones older than a week leave, in batches so no statement holds many locks. Every pod prunes;
 * a batch deleted twice is deleted once, so no coordination is needed.
 */
@ApplicationScoped
public class ReviewStorePruning {
    static final int BATCH = 5_000;
    /** Batches per run: a backlog is worked off over several runs rather than in one long one. */
    static final int MAX_BATCHES = 20;

    private final ReviewStore store;

    public ReviewStorePruning(ReviewStore store) {
        this.store = store;
    }

    @Scheduled(every = "${review-store.prune-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return pruneFrom(0, 0).invoke(removed -> {
            if (removed > 0) {
                Log.infof("review store: %d expired reviews and old tombstones removed", removed);
            }
        }).onFailure().invoke(error -> Log.warnf("review store pruning failed, next run retries: %s", error.getClass().getName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Integer> pruneFrom(int batches, int removed) {
        return store.prune(Instant.now(), BATCH).chain(deleted -> deleted < BATCH || batches + 1 >= MAX_BATCHES
                ? Uni.createFrom().item(removed + deleted) : pruneFrom(batches + 1, removed + deleted));
    }
}
