package io.reviewfetcher.stage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OneAtATimeTest {
    private final OneAtATime inFlight = new OneAtATime();
    private final List<String> started = new ArrayList<>();

    private UniAssertSubscriber<String> run(String location, String review, String label, CompletableFuture<String> end) {
        return inFlight.run(location + " " + review, () -> {
            started.add(label);
            return Uni.createFrom().completionStage(end);
        }).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    @Test
    void theSameKeyWaitsForTheWorkBeforeItWhileOthersRunAtOnce() {
        CompletableFuture<String> first = new CompletableFuture<>();
        run("L1", "r1", "first", first);
        UniAssertSubscriber<String> second = run("L1", "r1", "second", CompletableFuture.completedFuture("second done"));
        run("L1", "r2", "other review", new CompletableFuture<>());
        run("L2", "r1", "same id elsewhere", new CompletableFuture<>());

        assertEquals(List.of("first", "other review", "same id elsewhere"), started);

        first.complete("first done");
        assertEquals("second done", second.awaitItem(Duration.ofSeconds(5)).getItem());
        assertEquals(List.of("first", "other review", "same id elsewhere", "second"), started);
    }

    @Test
    void aFailedTurnLetsTheNextRunAndLeavesNothingBehind() {
        CompletableFuture<String> first = new CompletableFuture<>();
        UniAssertSubscriber<String> failing = run("L1", "r1", "first", first);
        UniAssertSubscriber<String> second = run("L1", "r1", "second", CompletableFuture.completedFuture("second done"));

        first.completeExceptionally(new IllegalStateException("Google away"));

        failing.awaitFailure(Duration.ofSeconds(5)).assertFailedWith(IllegalStateException.class, "Google away");
        assertEquals("second done", second.awaitItem(Duration.ofSeconds(5)).getItem());
        assertEquals(0, inFlight.size());
    }
}
