package io.reviewfetcher.google.permits;

import io.reviewfetcher.failures.QuotaWait;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * The pod's line for Google calls. It bounds the calls in flight ({@code GOOGLE_CALLS_IN_FLIGHT}, a permit being
 * asked for included), and when calls must wait, for that bound or for the quota, the next permit is shared fairly
 * ({@link FairQueue}): equally between the credentials that have calls waiting, within a credential equally between
 * its jobs, so a big job's thousands of calls cannot starve a small job's one. Within a job the most urgent waiter
 * goes first ({@link CallUrgency}): the job's longest walk left keeps its pace while its short ones fill the job's
 * share around it, so the job ends when its work, not its longest walk, is done.
 *
 * <p>While token-service grants permits, asks run side by side; once it answers that the bucket is empty, the line
 * pauses for the wait it names and then asks for one waiter at a time, the one whose turn it is, doubling the asks
 * in flight with each grant. One pause for the whole line, instead of every waiter polling on its own, is what
 * makes the order hold: the next free token goes to the head of the line, not to whoever asked last. A waiter
 * whose ask meets the empty bucket goes back in its place, and its credential and job get their charge back.
 */
final class PermitLine {
    static final long MAX_WAIT_MS = 10_000;
    private static final long MAX_JITTER_MS = 20;
    private static final Comparator<Waiter> MOST_URGENT_FIRST =
            Comparator.comparingInt((Waiter waiter) -> waiter.urgency).reversed().thenComparingLong(waiter -> waiter.arrival);

    private final int callLimit;
    /** Asks token-service for one permit: the access token, or a {@link QuotaWait} when the bucket is empty. */
    private final BiFunction<String, Boolean, Uni<String>> askPermit;
    private final FairQueue<Waiter> waiting = new FairQueue<>(MOST_URGENT_FIRST);
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
     * @param credential            the grant token-service is asked for, and whose share of the line the call takes
     * @param jobId                 the job the call is for: its share within the credential's (null: a job of its own)
     * @param previousTokenRejected Google refused the token of this call's previous permit: told to token-service
     *                              with the first ask only, not again when that ask is answered with a wait
     */
    Uni<String> permit(int urgency, String credential, String jobId, boolean previousTokenRejected) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter;
            synchronized (this) {
                waiter = new Waiter(urgency, arrivals++, credential, jobId, previousTokenRejected, emitter,
                        Vertx.currentContext());
                waiting.add(credential, jobId, waiter);
            }
            // A waiter whose record is given up (shutdown) leaves the line; one already granted keeps its place.
            emitter.onTermination(() -> {
                synchronized (this) {
                    waiter.ended = true;
                    waiting.remove(credential, jobId, waiter);
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

    /** Credentials the line keeps, with calls waiting or asked for (one with neither is dropped). */
    synchronized int credentialsInLine() {
        return waiting.credentials();
    }

    /** Jobs the line keeps, with calls waiting or asked for (one with neither is dropped). */
    synchronized int jobsInLine() {
        return waiting.jobs();
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
                next = waiting.poll(); // charged to its credential and job
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
            waiting.answered(waiter.credential, waiter.jobId);
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
                // No permit was granted, so none is charged: a job is not set back by the quota it shares. Back in
                // line, the waiter keeps its place: its arrival number, its job's and credential's counts.
                if (waiter.ended) {
                    waiting.refund(waiter.credential, waiter.jobId);
                } else {
                    waiting.requeue(waiter.credential, waiter.jobId, waiter);
                }
            }
            dispatch();
            return;
        }
        synchronized (this) {
            asking--;
            calls--;
            waiting.answered(waiter.credential, waiter.jobId);
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
        final String jobId;
        /** Sent with its first ask only; guarded by the line's lock. */
        boolean previousTokenRejected;
        final UniEmitter<? super String> emitter;
        final Context context;
        /** Given up (the emitter terminated before it was answered); guarded by the line's lock. */
        boolean ended;

        Waiter(int urgency, long arrival, String credential, String jobId, boolean previousTokenRejected,
               UniEmitter<? super String> emitter, Context context) {
            this.urgency = urgency;
            this.arrival = arrival;
            this.credential = credential;
            this.jobId = jobId;
            this.previousTokenRejected = previousTokenRejected;
            this.emitter = emitter;
            this.context = context;
        }
    }
}
