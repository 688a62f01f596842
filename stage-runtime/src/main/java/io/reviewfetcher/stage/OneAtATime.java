package io.reviewfetcher.stage;

import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work of one key done one at a time in this pod; work of other keys side by side. The later work waits for the earlier
 * to end, however it ended, and then starts, when it sees what the earlier one did. The stage runner keys it by task:
 * two copies of one task in flight together (a retry and a redelivery, a record read again after a rebalance while its
 * first reading waits for a permit) would otherwise both find the task unfinished and both publish its results.
 */
public final class OneAtATime {
    private final Map<String, CompletableFuture<Void>> running = new HashMap<>();

    /** Runs {@code work} once no other work of {@code key} runs here; its outcome, whatever the earlier one's. */
    public <T> Uni<T> run(String key, Supplier<Uni<T>> work) {
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

    /** Keys with work running or waiting. */
    public synchronized int size() {
        return running.size();
    }
}
