package io.reviewfetcher.reviews;

import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one consumer of {@code fetch-reviews} (a channel has one {@code @Incoming}), which carries three types: a batch of
 * locations' page ({@code fetch_review_batch}, incremental runs) goes to {@link ReviewBatchStage}, a review Google
 * notified ({@code fetch_review_change}) to {@link ReviewChangeStage}, every other record to {@link ReviewStage}, which
 * works a location's page and dead-letters what it cannot read, as before.
 */
@ApplicationScoped
public class FetchReviewsConsumer {
    private final ReviewStage locations;
    private final ReviewBatchStage batches;
    private final ReviewChangeStage changes;

    public FetchReviewsConsumer(ReviewStage locations, ReviewBatchStage batches, ReviewChangeStage changes) {
        this.locations = locations;
        this.batches = batches;
        this.changes = changes;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return switch (declaredType(record.getPayload())) {
            case FETCH_REVIEW_BATCH -> batches.consume(record);
            case FETCH_REVIEW_CHANGE -> changes.consume(record);
            default -> locations.consume(record);
        };
    }

    /** The record's declared type; {@code fetch_reviews} for one that declares none (poison, for ReviewStage). */
    private static EventType declaredType(byte[] payload) {
        return EventCodec.declaredType(payload).orElse(EventType.FETCH_REVIEWS);
    }
}
