package io.reviewfetcher.stage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchReviews;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record whose partition goes to another consumer while its work waits (for a permit, for Google) is given up:
 * its work is cancelled and nothing of it is published or acknowledged, so only the new owner, which reads the
 * record again, delivers it. Without this, both copies fetched the page and both published its reviews.
 */
class StagePartitionsTest extends StageFixture {
    final StagePartitions partitions = new StagePartitions();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final StageRunner stage = new StageRunner(publisher, gate, registry, 4, partitions, new NewerEvents());
    final CompletableFuture<Void> google = new CompletableFuture<>();
    final AtomicBoolean cancelled = new AtomicBoolean();

    Uni<List<Event>> waitingPage(FetchReviews page) {
        return Uni.createFrom().completionStage(google).map(answered -> List.<Event>of(JobEvents.done(page, List.of(), 0, 0, 50, 0)))
                .onCancellation().invoke(() -> cancelled.set(true));
    }

    @Test
    void theWorkOfARevokedPartitionsRecordStopsUnpublishedAndUnacknowledged() {
        Fakes.Record record = record(PAGE); // fetch-reviews, partition 3
        stage.run(record.message, FetchReviews.class, this::waitingPage).await().atMost(AWAIT);
        assertEquals(1, partitions.recordsWorked());

        partitions.onPartitionsRevoked(null, List.of(new TopicPartition("fetch-reviews", 3)));

        assertTrue(cancelled.get(), "the wait for Google is cancelled");
        google.complete(null); // an answer arriving late changes nothing
        assertEquals(List.of(), publisher.sent);
        assertFalse(record.acked);
        assertNull(record.nacked);
        assertEquals(0, gauge(registry, "stage.records.in.flight"), "its slot is free");
        assertEquals(0, partitions.recordsWorked());
        assertEquals(1, registry.find("stage.records.revoked").counter().count());
    }

    @Test
    void theRecordsOfOtherPartitionsGoOn() {
        Fakes.Record record = record(PAGE);
        stage.run(record.message, FetchReviews.class, this::waitingPage).await().atMost(AWAIT);

        partitions.onPartitionsRevoked(null, List.of(new TopicPartition("fetch-reviews", 4), new TopicPartition("fetch-locations", 3)));
        google.complete(null);

        record.awaitSettled();
        assertTrue(record.acked);
        assertFalse(cancelled.get());
        assertEquals(1, publisher.sent.size());
        assertEquals(0, partitions.recordsWorked(), "a record done leaves nothing behind");
    }

    /** A record the consumer read before the revocation but handed over after it is not worked at all. */
    @Test
    void aRecordOfAPartitionRevokedBeforeItsWorkStartsIsNotWorked() {
        TopicPartition three = new TopicPartition("fetch-reviews", 3);
        partitions.onPartitionsRevoked(null, List.of(three));
        Fakes.Record record = record(PAGE);

        stage.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);

        assertEquals(0, worked.get());
        assertEquals(List.of(), publisher.sent);
        assertFalse(record.acked);
        assertEquals(0, gauge(registry, "stage.records.in.flight"));

        partitions.onPartitionsAssigned(null, List.of(three));
        Fakes.Record again = record(PAGE);
        stage.run(again.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
        again.awaitSettled();
        assertTrue(again.acked, "assigned again, its records are worked");
    }
}
