package io.reviewfetcher.stage.intake;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;

/**
 * Holds records back while an operator has paused the intake. A held record is neither processed nor
 * acknowledged, so its offset is not committed; the consumer's own backpressure then stops fetching.
 * (SmallRye's pausable channels do not reach the copies that {@code concurrency} creates, hence our own.)
 */
@ApplicationScoped
public class IntakeGate {
    private CompletableFuture<Void> opened = CompletableFuture.completedFuture(null);

    public synchronized boolean paused() {
        return !opened.isDone();
    }

    public synchronized void pause() {
        if (opened.isDone()) {
            opened = new CompletableFuture<>();
        }
    }

    public void resume() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waiting = opened;
        }
        waiting.complete(null);
    }

    /** Completes at once while open, on resume while paused. */
    public synchronized Uni<Void> passage() {
        return opened.isDone() ? Uni.createFrom().voidItem() : Uni.createFrom().completionStage(opened);
    }
}
