package io.reviewfetcher.google.permits;

import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PermitLineTest {

    /** token-service as the test answers it: each ask waits until the test grants or refuses it. */
    static final class ScriptedTokenService {
        final List<Ask> asks = new CopyOnWriteArrayList<>();

        Uni<String> ask(String credential, boolean rejected) {
            return Uni.createFrom().emitter(emitter -> asks.add(new Ask(credential, emitter, System.nanoTime())));
        }

        Ask waitingAsk(int index) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (asks.size() <= index) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no ask number " + (index + 1) + " within 5 s; asks: " + asks.size());
                }
                Thread.onSpinWait();
            }
            return asks.get(index);
        }
    }

    record Ask(String credential, UniEmitter<? super String> answer, long atNanos) {
        void grant() {
            answer.complete("token-for-" + credential);
        }
    }

    /** What a waiter got: its token, or its failure. */
    static final class Outcome {
        volatile String token;
        volatile Throwable failure;
        final Cancellable subscription;

        Outcome(Uni<String> permit) {
            subscription = permit.subscribe().with(t -> token = t, f -> failure = f);
        }
    }

    private final ScriptedTokenService tokens = new ScriptedTokenService();
    /** The labels of the waiters of one job, in the order their permits were granted. */
    private final List<String> granted = new CopyOnWriteArrayList<>();

    /** A waiter of the one job these tests share: its order within a job is what is tested. */
    private Outcome waiter(PermitLine line, int urgency, String label) {
        return new Outcome(line.permit(urgency, "client:acme", "job-1", false).invoke(token -> granted.add(label)));
    }

    @Test
    void neverMoreCallsInFlightThanTheLimitAndAReleasedPlaceGoesToTheNextWaiter() {
        PermitLine line = new PermitLine(2, tokens::ask);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(new Outcome(line.permit(0, "c" + i, "job-1", false)));
        }
        tokens.waitingAsk(1).grant();
        tokens.waitingAsk(0).grant();
        assertEquals(2, tokens.asks.size(), "a third call would exceed the limit of 2");
        assertEquals(2, line.callsInFlight());

        line.release();
        tokens.waitingAsk(2).grant();
        assertEquals("token-for-c2", outcomes.get(2).token);
        assertEquals(2, line.callsInFlight());
    }

    @Test
    void withinAJobWhenTheBucketIsEmptyTheMostUrgentWaiterGetsTheNextPermit() {
        PermitLine line = new PermitLine(16, tokens::ask);
        waiter(line, 5, "first");
        tokens.waitingAsk(0).answer().fail(new QuotaWait(50));
        Outcome shortWalk = waiter(line, 1, "short-walk");
        waiter(line, 80, "long-walk");
        waiter(line, CallUrgency.DISCOVERY, "listing");

        // After the pause one ask at a time, most urgent first; each grant lets the next ask go.
        Ask afterPause = tokens.waitingAsk(1);
        assertTrue(afterPause.atNanos() - tokens.asks.get(0).atNanos() >= Duration.ofMillis(50).toNanos(),
                "nobody asks before the wait token-service named has passed");
        assertEquals(2, tokens.asks.size(), "one ask at a time after an empty bucket");
        afterPause.grant();
        assertEquals(List.of("listing"), granted);
        // A grant doubles the asks in flight: the next two most urgent, the refused first waiter in its place.
        tokens.waitingAsk(2).grant();
        tokens.waitingAsk(3).grant();
        assertEquals(List.of("listing", "long-walk", "first"), granted);
        tokens.waitingAsk(4); // short-walk's, asked for but not granted yet
        assertNull(shortWalk.token);
    }

    @Test
    void equallyUrgentWaitersOfAJobAreServedInArrivalOrder() {
        PermitLine line = new PermitLine(1, tokens::ask);
        waiter(line, 3, "a");
        waiter(line, 3, "b");
        waiter(line, 3, "c");
        tokens.waitingAsk(0).grant();
        line.release();
        tokens.waitingAsk(1).grant();
        line.release();
        tokens.waitingAsk(2).grant();
        assertEquals(List.of("a", "b", "c"), granted);
    }

    @Test
    void aFailedAskFailsOnlyItsWaiterAndFreesItsPlace() {
        PermitLine line = new PermitLine(1, tokens::ask);
        Outcome failing = new Outcome(line.permit(0, "a", "job-1", false));
        Outcome next = new Outcome(line.permit(0, "b", "job-1", false));
        tokens.waitingAsk(0).answer().fail(new TokenServiceUnavailable(503, "down"));
        assertInstanceOf(TokenServiceUnavailable.class, failing.failure);
        tokens.waitingAsk(1).grant();
        assertEquals("token-for-b", next.token);
        assertNull(next.failure);
    }

    @Test
    void aWaiterGivenUpLeavesTheLineAndOneGivenUpWhileAskedForFreesItsPlace() {
        PermitLine line = new PermitLine(1, tokens::ask);
        Outcome asked = new Outcome(line.permit(0, "asked", "job-1", false));
        Outcome waiting = new Outcome(line.permit(0, "waiting", "job-1", false));
        Outcome last = new Outcome(line.permit(0, "last", "job-1", false));
        waiting.subscription.cancel();
        assertEquals(1, line.waiting());

        asked.subscription.cancel();
        tokens.waitingAsk(0).grant();
        Ask next = tokens.waitingAsk(1);
        assertEquals("last", next.credential(), "the given-up waiter is skipped, and the place of the one given up while asked for is free");
        next.grant();
        assertEquals("token-for-last", last.token);
        assertNull(asked.token);
    }
}
