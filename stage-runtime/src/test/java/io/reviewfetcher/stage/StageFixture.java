package io.reviewfetcher.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.stage.intake.IntakeGate;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A stage runner over a fake broker, an intake gate and a meter registry, with a record and work to run. */
abstract class StageFixture {
    static final Duration AWAIT = Duration.ofSeconds(5);
    static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    static final FetchReviews PAGE = new FetchReviews("job-1", NOW, "client:42", "111", "222", "Cafe", null, null, 1,
            FetchMode.FULL, 2);

    final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    final Fakes.Publisher publisher = new Fakes.Publisher(timeline);
    final IntakeGate gate = new IntakeGate();
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final NewerEvents newerEvents = new NewerEvents();
    final StageRunner runner = runner(16, metrics);
    final AtomicInteger worked = new AtomicInteger();

    /**
     * A runner over this fixture's broker, gate and {@link #newerEvents} with {@code slots} records in flight at most,
     * and a registry of its own (a registry keeps the first gauge of a name: {@link #metrics} has {@link #runner}'s).
     */
    StageRunner runner(int slots, MeterRegistry registry) {
        return new StageRunner(publisher, gate, registry, slots, new StagePartitions(), newerEvents);
    }

    StageRunner runner(int slots) {
        return runner(slots, new SimpleMeterRegistry());
    }

    Fakes.Record record(Event event) {
        return record(event, 1187);
    }

    /** A fetch-reviews record at {@code offset}, keyed as the publisher keys it. */
    Fakes.Record record(Event event, long offset) {
        return new Fakes.Record("fetch-reviews", 3, offset, EventPublisher.partitionKey(event), EventCodec.encode(event), timeline);
    }

    /** Review page work that produces the next page and its progress event. */
    Uni<List<Event>> nextPage(FetchReviews page) {
        worked.incrementAndGet();
        timeline.add("worked");
        return Uni.createFrom().item(List.of(page.withAttempt(0), JobEvents.done(page, List.of(), 0, 0, 50, 0)));
    }

    Uni<List<Event>> failing(RuntimeException error) {
        worked.incrementAndGet();
        return Uni.createFrom().failure(error);
    }

    double gauge(String name) {
        return gauge(metrics, name);
    }

    static double gauge(MeterRegistry registry, String name) {
        var gauge = registry.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    double counter(String name, String... tags) {
        var counter = metrics.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
