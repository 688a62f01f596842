package io.reviewfetcher.ingress.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;

/** {@code ingress_notifications_received_total{outcome}}: every push, by what became of it (each outcome there from the start). */
@Startup
@ApplicationScoped
public class PushCounts {

    private final Map<PushOutcome, Counter> counters = new EnumMap<>(PushOutcome.class);

    public PushCounts(MeterRegistry registry) {
        for (PushOutcome outcome : PushOutcome.values()) {
            counters.put(outcome, Counter.builder("ingress_notifications_received")
                    .description("Pushes of Google's review notifications (Pub/Sub), by outcome")
                    .tag("outcome", outcome.tag())
                    .register(registry));
        }
    }

    public void count(PushOutcome outcome) {
        counters.get(outcome).increment();
    }
}
