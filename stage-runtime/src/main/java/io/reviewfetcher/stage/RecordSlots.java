package io.reviewfetcher.stage;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * A pod's bound on records in flight, shared by all its consumers: a record takes a slot, its cycle runs on
 * its own, and the slot is given back when the cycle ends (acknowledged or nacked). {@link #start} completes as
 * soon as the record's cycle has started, so its consumer reads on; while every slot is taken it waits,
 * without a thread, which is the backpressure on the consumers. Waiting records get slots in arrival order,
 * and a record's cycle continues on the Vert.x context it arrived on (its consumer's), wherever the slot was
 * given back.
 */
final class RecordSlots {
    private final int limit;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int taken;

    RecordSlots(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("records in flight (STAGE_IN_FLIGHT) must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    synchronized int taken() {
        return taken;
    }

    /**
     * Starts {@code cycle} once a slot is free and completes then; the slot is given back when the cycle's Uni
     * terminates. The cycle handles its own failures: whatever it fails with here is only dropped.
     */
    Uni<Void> start(Supplier<Uni<Void>> cycle) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting entry = new Waiting(cycle, emitter, Vertx.currentContext());
            boolean now;
            synchronized (this) {
                now = taken < limit;
                if (now) {
                    taken++;
                } else {
                    waiting.add(entry);
                }
            }
            if (now) {
                run(entry);
            } else {
                // A consumer that stops (shutdown) gives up its place; a cycle already started keeps its slot.
                emitter.onTermination(() -> {
                    synchronized (this) {
                        waiting.remove(entry);
                    }
                });
            }
        });
    }

    /** The slot passes straight to the longest waiting record, if any. */
    private void giveBack() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
                return;
            }
        }
        if (next.context == null) {
            run(next);
        } else {
            next.context.runOnContext(ignored -> run(next));
        }
    }

    private void run(Waiting entry) {
        Uni.createFrom().deferred(entry.cycle::get)
                .onTermination().invoke(this::giveBack)
                .subscribe().with(done -> { }, failed -> { });
        entry.emitter.complete(null);
    }

    /** A record waiting for a slot (compared by identity: each is its own place in the queue). */
    private static final class Waiting {
        final Supplier<Uni<Void>> cycle;
        final UniEmitter<? super Void> emitter;
        final Context context;

        Waiting(Supplier<Uni<Void>> cycle, UniEmitter<? super Void> emitter, Context context) {
            this.cycle = cycle;
            this.emitter = emitter;
            this.context = context;
        }
    }
}
