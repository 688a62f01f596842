package io.reviewfetcher.reviews;

import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewBatch.WatermarkedLocation;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** fetch-reviews carries three types: each goes to its stage, by the type the record declares. */
class FetchReviewsConsumerTest {
    private final List<String> routed = new ArrayList<>();

    private final FetchReviewsConsumer consumer = new FetchReviewsConsumer(
            new ReviewStage((DeduplicatingStageRunner) null, null, null, (JobClaims) null, null, null) {
                @Override
                public Uni<Void> consume(Message<byte[]> record) {
                    routed.add("location's page");
                    return Uni.createFrom().voidItem();
                }
            },
            new ReviewBatchStage((DeduplicatingStageRunner) null, null, null, (JobClaims) null, null, null, null) {
                @Override
                public Uni<Void> consume(Message<byte[]> record) {
                    routed.add("batch");
                    return Uni.createFrom().voidItem();
                }
            },
            new ReviewChangeStage(null, null, null, null, null) {
                @Override
                public Uni<Void> consume(Message<byte[]> record) {
                    routed.add("notified review");
                    return Uni.createFrom().voidItem();
                }
            });

    private String route(byte[] payload) {
        routed.clear();
        consumer.consume(Message.of(payload)).await().indefinitely();
        assertEquals(1, routed.size());
        return routed.get(0);
    }

    @Test
    void eachTypeGoesToItsStage() {
        Instant now = Instant.now();
        assertEquals("notified review", route(EventCodec.encode(ReviewChangeStageTest.notified("job-1", "r1"))));
        assertEquals("batch", route(EventCodec.encode(new FetchReviewBatch("job-1", now, "client:42", "1",
                List.of(new WatermarkedLocation("L1", "Place", null, now))))));
        assertEquals("location's page", route(EventCodec.encode(new FetchReviews("job-1", now, "client:42", "1", "L1",
                "Place", null, null, 1, FetchMode.INCREMENTAL, 0))));
    }

    @Test
    void aRecordThatDeclaresNoTypeGoesToReviewStageToBeDeadLettered() {
        assertEquals("location's page", route("{\"type\":\"fetch_review_ch".getBytes(StandardCharsets.UTF_8)));
        assertEquals("location's page", route(null));
    }
}
