package io.reviewfetcher.stage;

import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.smallrye.mutiny.Uni;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One copy of a task worked at a time in this pod. Two copies of one task can be in flight together (a retry and a
 * redelivery, a record read again after a rebalance while its first reading waits for a permit): worked side by
 * side, both would find the task unfinished and both publish its results. The later copy waits for the earlier to
 * end and then starts, when it will find the task finished if the earlier one succeeded.
 */
final class TasksInFlight {
    private final Map<String, CompletableFuture<Void>> running = new HashMap<>();

    /** Runs {@code cycle} once no other copy of {@code task} runs here. */
    Uni<Void> oneAtATime(StageEvent task, Supplier<Uni<Void>> cycle) {
        String key = task.jobId() + " " + TaskIds.of(task);
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before;
            synchronized (this) {
                before = running.put(key, mine);
            }
            Uni<Void> turn = before == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(before).onFailure().recoverWithNull().replaceWithVoid();
            return turn.chain(cycle::get).onTermination().invoke(() -> {
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
