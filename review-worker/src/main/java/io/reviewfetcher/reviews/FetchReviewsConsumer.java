package io.reviewfetcher.reviews;

import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Optional;

/**
 * The one consumer of {@code fetch-reviews} (a channel has one {@code @Incoming}), which carries two types: a batch of
 * locations' page ({@code fetch_review_batch}, incremental runs) goes to {@link ReviewBatchStage}, every other record
 * to {@link ReviewStage}, which works a location's page and dead-letters what it cannot read, as before.
 */
@ApplicationScoped
public class FetchReviewsConsumer {
    private final ReviewStage locations;
    private final ReviewBatchStage batches;

    public FetchReviewsConsumer(ReviewStage locations, ReviewBatchStage batches) {
        this.locations = locations;
        this.batches = batches;
    }

    @Incoming("stage-in")
    public Uni<Void> consume(Message<byte[]> record) {
        return isBatch(record.getPayload()) ? batches.consume(record) : locations.consume(record);
    }

    static boolean isBatch(byte[] payload) {
        return EventCodec.declaredType(payload).equals(Optional.of(EventType.FETCH_REVIEW_BATCH));
    }
}
