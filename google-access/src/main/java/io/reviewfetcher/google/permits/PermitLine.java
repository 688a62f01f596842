package io.reviewfetcher.google.permits;

import io.reviewfetcher.failures.QuotaWait;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The pod's line for Google calls. It bounds the calls in flight ({@code GOOGLE_CALLS_IN_FLIGHT}, a permit being
 * asked for included), and when calls must wait, for that bound or for the quota, the most urgent waiter goes
 * first ({@link CallUrgency}): with a job's records in one line, the longest walk left can keep its pace while the
 * short ones fill the quota around it, so the job ends when its work, not its longest walk, is done.
 *
 * <p>While token-service grants permits, asks run side by side; once it answers that the bucket is empty, the line
 * pauses for the wait it names and then asks for one waiter at a time, the most urgent, doubling the asks in
 * flight with each grant. One pause for the whole line, instead of every waiter polling on its own, is what
 * makes the order hold: the next free token goes to the head of the line, not to whoever asked last.
 */
final class PermitLine {
    static final long MAX_WAIT_MS = 10_000;
    private static final long MAX_JITTER_MS = 20;
    private static final Comparator<Waiter> MOST_URGENT_FIRST =
            Comparator.comparingInt((Waiter waiter) -> waiter.urgency).reversed().thenComparingLong(waiter -> waiter.arrival);

    private final int callLimit;
    /** Asks token-service for one permit: the access token, or a {@link QuotaWait} when the bucket is empty. */
    private final BiFunction<String, Boolean, Uni<String>> askPermit;
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(MOST_URGENT_FIRST);
    private long arrivals;
    /** Permits being asked for plus permits granted whose call has not ended. */
    private int calls;
    private int asking;
    /** How many asks may run side by side: 1 after an empty bucket, doubling with each grant. */
    private int askWindow;
    private long pausedUntilNanos;
    private boolean wakeScheduled;

    PermitLine(int callLimit, BiFunction<String, Boolean, Uni<String>> askPermit) {
        if (callLimit < 1) {
            throw new IllegalArgumentException("Google calls in flight (GOOGLE_CALLS_IN_FLIGHT) must be at least 1, was " + callLimit);
        }
        this.callLimit = callLimit;
        this.askPermit = askPermit;
        this.askWindow = callLimit;
    }

    /**
     * An access token for one Google call, once this waiter's turn comes and the quota allows it. The caller
     * must {@link #release} the call's place when the call ends, whatever its outcome.
     *
     * @param previousTokenRejected Google refused the token of this call's previous permit: told to token-service
     *                              with the first ask only, not again when that ask is answered with a wait
     */
    Uni<String> permit(int urgency, String credential, boolean previousTokenRejected) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter;
            synchronized (this) {
                waiter = new Waiter(urgency, arrivals++, credential, previousTokenRejected, emitter, Vertx.currentContext());
                waiting.add(waiter);
            }
            // A waiter whose record is given up (shutdown) leaves the line; one already granted keeps its place.
            emitter.onTermination(() -> {
                synchronized (this) {
                    waiter.ended = true;
                    waiting.remove(waiter);
                }
            });
            dispatch();
        });
    }

    /** A granted call has ended: its place goes to the next waiter. */
    void release() {
        synchronized (this) {
            calls--;
        }
        dispatch();
    }

    synchronized int callsInFlight() {
        return calls;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private void dispatch() {
        while (true) {
            Waiter next;
            synchronized (this) {
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    wakeAfter(pause);
                    return;
                }
                if (waiting.isEmpty() || calls >= callLimit || asking >= askWindow) {
                    return;
                }
                next = waiting.poll();
                calls++;
                asking++;
            }
            ask(next);
        }
    }

    private void ask(Waiter waiter) {
        boolean tokenRejected;
        synchronized (this) {
            tokenRejected = waiter.previousTokenRejected;
        }
        Runnable asking = () -> askPermit.apply(waiter.credential, tokenRejected)
                .subscribe().with(token -> granted(waiter, token), failure -> refused(waiter, failure));
        if (waiter.context != null && Vertx.currentContext() != waiter.context) {
            waiter.context.runOnContext(ignored -> asking.run());
        } else {
            asking.run();
        }
    }

    private void granted(Waiter waiter, String token) {
        synchronized (this) {
            asking--;
            askWindow = Math.min(callLimit, askWindow * 2);
            if (waiter.ended) {
                calls--; // given up while its permit was asked for: no call will release the place
            }
        }
        waiter.emitter.complete(token);
        dispatch();
    }

    private void refused(Waiter waiter, Throwable failure) {
        if (failure instanceof QuotaWait wait) {
            synchronized (this) {
                asking--;
                calls--;
                askWindow = 1;
                long waitMs = Math.min(MAX_WAIT_MS, wait.waitMs()) + ThreadLocalRandom.current().nextLong(0, MAX_JITTER_MS);
                pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + Duration.ofMillis(waitMs).toNanos());
                // token-service acted on token_rejected (refreshed, or asked tokeninfo) before it found the bucket
                // empty: the re-ask collects the new token, it must not report the rejection again.
                waiter.previousTokenRejected = false;
                if (!waiter.ended) {
                    waiting.add(waiter); // back in line, in its place: its arrival number is kept
                }
            }
            dispatch();
            return;
        }
        synchronized (this) {
            asking--;
            calls--;
        }
        waiter.emitter.fail(failure);
        dispatch();
    }

    /** Called with the lock held: one timer at a time ends the pause. */
    private void wakeAfter(long nanos) {
        if (wakeScheduled) {
            return;
        }
        wakeScheduled = true;
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(nanos)).subscribe().with(ignored -> {
            synchronized (this) {
                wakeScheduled = false;
            }
            dispatch();
        });
    }

    /** One call waiting for its permit (compared by identity: each is its own place in the line). */
    private static final class Waiter {
        final int urgency;
        final long arrival;
        final String credential;
        /** Sent with its first ask only; guarded by the line's lock. */
        boolean previousTokenRejected;
        final UniEmitter<? super String> emitter;
        final Context context;
        /** Given up (the emitter terminated before it was answered); guarded by the line's lock. */
        boolean ended;

        Waiter(int urgency, long arrival, String credential, boolean previousTokenRejected,
               UniEmitter<? super String> emitter, Context context) {
            this.urgency = urgency;
            this.arrival = arrival;
            this.credential = credential;
            this.previousTokenRejected = previousTokenRejected;
            this.emitter = emitter;
            this.context = context;
        }
    }
}
