package io.reviewfetcher.ingress.submission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound on submissions in flight. A job is answered 202 only after the broker acknowledged it, so
 * nothing waits in memory after the answer (an in-memory queue drained to Kafka in the background would
 * lose its jobs in a crash); what stays bounded is the number of submissions between admission and that
 * acknowledgement ({@code DEQUE_MAX_SIZE}). Past the bound a submission is refused at once (the caller
 * answers 429 with {@code Retry-After}), never queued. Lock-free: one CAS per admission.
 */
@ApplicationScoped
public class InFlightSubmissions {

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter rejected;

    public InFlightSubmissions(IngressConfig config, MeterRegistry registry) {
        this.limit = config.submissions().maxInFlight();
        Gauge.builder("ingress_submissions_in_flight", inFlight, AtomicInteger::get)
                .description("Submissions admitted and not yet acknowledged by the broker (the bounded buffer's depth)")
                .register(registry);
        Gauge.builder("ingress_submissions_in_flight_limit", () -> limit)
                .description("DEQUE_MAX_SIZE: the in-flight bound past which submissions are answered 429")
                .register(registry);
        this.rejected = Counter.builder("ingress_submissions_rejected")
                .description("Submissions refused, by reason (buffer_full = answered 429 at the in-flight bound)")
                .tag("reason", "buffer_full")
                .register(registry);
    }

    /** Takes a place, or returns false (and counts a reject) when all {@code limit} places are taken. */
    public boolean tryEnter() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                rejected.increment();
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives a place back; called once per successful {@link #tryEnter()}, whatever became of the submission. */
    public void leave() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int limit() {
        return limit;
    }
}
