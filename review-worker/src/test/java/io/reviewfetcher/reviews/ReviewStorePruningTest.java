package io.reviewfetcher.reviews;

import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pruning works in batches until one comes back short, at most MAX_BATCHES a run, and survives a failing store. */
class ReviewStorePruningTest {

    private int calls;

    private ReviewStore answering(Deque<Object> answers) {
        return (ReviewStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReviewStore.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("prune")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls++;
                    Object next = answers.isEmpty() ? ReviewStorePruning.BATCH : answers.poll();
                    return next instanceof RuntimeException e ? Uni.createFrom().failure(e) : Uni.createFrom().item((Integer) next);
                });
    }

    @Test
    void prunesBatchAfterBatchUntilOneIsShort() {
        new ReviewStorePruning(answering(new ArrayDeque<>(List.of(ReviewStorePruning.BATCH, ReviewStorePruning.BATCH, 12))))
                .prune().await().indefinitely();
        assertEquals(3, calls);
    }

    @Test
    void aBacklogIsLeftForTheNextRun() {
        new ReviewStorePruning(answering(new ArrayDeque<>())).prune().await().indefinitely();
        assertEquals(ReviewStorePruning.MAX_BATCHES, calls);
    }

    @Test
    void aFailingStoreDoesNotFailTheTimer() {
        new ReviewStorePruning(answering(new ArrayDeque<>(List.of(new IllegalStateException("database down")))))
                .prune().await().indefinitely();
        assertEquals(1, calls);
    }
}
