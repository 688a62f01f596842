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

    @Test
    void neverMoreCallsInFlightThanTheLimitAndAReleasedPlaceGoesToTheNextWaiter() {
        PermitLine line = new PermitLine(2, tokens::ask);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(new Outcome(line.permit(0, "c" + i, false)));
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
    void whenTheBucketIsEmptyTheMostUrgentWaiterGetsTheNextPermit() {
        PermitLine line = new PermitLine(16, tokens::ask);
        new Outcome(line.permit(5, "first", false));
        tokens.waitingAsk(0).answer().fail(new QuotaWait(50));
        Outcome shortWalk = new Outcome(line.permit(1, "short-walk", false));
        Outcome longWalk = new Outcome(line.permit(80, "long-walk", false));
        Outcome listing = new Outcome(line.permit(CallUrgency.DISCOVERY, "listing", false));

        // After the pause one ask at a time, most urgent first; each grant lets the next ask go.
        Ask afterPause = tokens.waitingAsk(1);
        assertEquals("listing", afterPause.credential());
        assertTrue(afterPause.atNanos() - tokens.asks.get(0).atNanos() >= Duration.ofMillis(50).toNanos(),
                "nobody asks before the wait token-service named has passed");
        assertEquals(2, tokens.asks.size(), "one ask at a time after an empty bucket");
        afterPause.grant();
        // A grant doubles the asks in flight: the next two most urgent, the refused first waiter in its place.
        assertEquals("long-walk", tokens.waitingAsk(2).credential());
        assertEquals("first", tokens.waitingAsk(3).credential());
        tokens.asks.get(2).grant();
        tokens.asks.get(3).grant();
        assertEquals("short-walk", tokens.waitingAsk(4).credential());
        assertEquals("token-for-long-walk", longWalk.token);
        assertEquals("token-for-listing", listing.token);
        assertNull(shortWalk.token);
    }

    @Test
    void equallyUrgentWaitersAreServedInArrivalOrder() {
        PermitLine line = new PermitLine(1, tokens::ask);
        new Outcome(line.permit(3, "a", false));
        new Outcome(line.permit(3, "b", false));
        new Outcome(line.permit(3, "c", false));
        tokens.waitingAsk(0).grant();
        line.release();
        tokens.waitingAsk(1).grant();
        line.release();
        tokens.waitingAsk(2);
        assertEquals(List.of("a", "b", "c"), tokens.asks.stream().map(Ask::credential).toList());
    }

    @Test
    void aFailedAskFailsOnlyItsWaiterAndFreesItsPlace() {
        PermitLine line = new PermitLine(1, tokens::ask);
        Outcome failing = new Outcome(line.permit(0, "a", false));
        Outcome next = new Outcome(line.permit(0, "b", false));
        tokens.waitingAsk(0).answer().fail(new TokenServiceUnavailable(503, "down"));
        assertInstanceOf(TokenServiceUnavailable.class, failing.failure);
        tokens.waitingAsk(1).grant();
        assertEquals("token-for-b", next.token);
        assertNull(next.failure);
    }

    @Test
    void aWaiterGivenUpLeavesTheLineAndOneGivenUpWhileAskedForFreesItsPlace() {
        PermitLine line = new PermitLine(1, tokens::ask);
        Outcome asked = new Outcome(line.permit(0, "asked", false));
        Outcome waiting = new Outcome(line.permit(0, "waiting", false));
        Outcome last = new Outcome(line.permit(0, "last", false));
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
