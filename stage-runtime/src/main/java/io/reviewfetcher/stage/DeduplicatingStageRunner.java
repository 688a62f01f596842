package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The cycle of a stage whose tasks are worked once: a task whose results are already durable is acknowledged
 * without working it again. Made once per stage, with the stage's {@link FinishedTasks}, by
 * {@link StageRunner#deduplicating}.
 */
public final class DeduplicatingStageRunner {
    private final StageRunner runner;
    private final FinishedTasks finished;

    DeduplicatingStageRunner(StageRunner runner, FinishedTasks finished) {
        this.runner = Objects.requireNonNull(runner);
        this.finished = Objects.requireNonNull(finished, "finished tasks");
    }

    /**
     * As {@link StageRunner#run}, except that a task already finished is acknowledged at once, and a task
     * worked successfully is marked finished after its results are durable and before its record is
     * acknowledged. When the lookup fails (Redis away), the task is worked anyway: at worst again.
     */
    public <T extends StageEvent> Uni<Void> runOnce(Message<byte[]> record, Class<T> type, Function<T, Uni<List<Event>>> work) {
        return runner.runOnce(record, type, finished, work);
    }
}
