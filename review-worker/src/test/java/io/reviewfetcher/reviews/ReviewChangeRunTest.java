package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.stage.EventPublisher;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.intake.IntakeGate;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.inject.Vetoed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notified review's record through the stage runner as the consumer hands it over: published, marked finished,
 * acknowledged; a record delivered again is acknowledged without a call; failures routed as every stage's are.
 */
class ReviewChangeRunTest {
    /** The outgoing channel: every event sent is kept, the broker acknowledges at once. */
    @Vetoed // not a bean: the application's own EventPublisher must stay the only one
    static final class Published extends EventPublisher {
        final List<Event> sent = Collections.synchronizedList(new ArrayList<>());

        Published() {
            super(null);
        }

        @Override
        public Uni<Void> publish(Event event, Message<?> cause) {
            sent.add(event);
            return Uni.createFrom().voidItem();
        }

        <E extends Event> List<E> sent(Class<E> type) {
            synchronized (sent) {
                return sent.stream().filter(type::isInstance).map(type::cast).toList();
            }
        }
    }

    private final Published published = new Published();
    private final StageRunner runner = new StageRunner(published, new IntakeGate(), new SimpleMeterRegistry(), 16);
    private final ReviewStagePagingTest.Finished finished = new ReviewStagePagingTest.Finished();
    private final ReviewChangeStageTest.NotifiedReviews google = new ReviewChangeStageTest.NotifiedReviews();
    private final InMemoryReviewStore store = new InMemoryReviewStore().describing("L1", "Cafe", null);
    private final ReviewChangeStage stage = new ReviewChangeStage(runner.deduplicating(finished), google,
            new ReviewChangeStageTest.RecordingGate(), store, new SimpleMeterRegistry());

    /** Consumes the task's record at {@code offset} and waits until it is acknowledged ("ack") or nacked ("nack"). */
    private String consume(FetchReviewChange task, long offset) {
        CompletableFuture<String> settled = new CompletableFuture<>();
        byte[] payload = EventCodec.encode(task);
        var origin = new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>("fetch-reviews", 0, offset,
                EventPublisher.partitionKey(task), payload), "stage-in");
        Message<byte[]> record = Message.of(payload, Metadata.of(origin), () -> {
            settled.complete("ack");
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            settled.complete("nack");
            return CompletableFuture.completedFuture(null);
        });
        stage.consume(record).await().indefinitely();
        return settled.orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void aRecordDeliveredAgainIsAcknowledgedWithoutACallOrASecondPublish() {
        google.answer("r1", ReviewChangeStageTest.EDITED);
        FetchReviewChange task = ReviewChangeStageTest.notified("job-1", "r1");

        assertEquals("ack", consume(task, 10));
        assertEquals("ack", consume(task, 10));

        assertEquals(1, google.asked.size());
        assertEquals(1, published.sent(ReviewRaw.class).size());
        assertEquals(List.of("review-change:r1"), published.sent(JobEvent.class).stream().map(JobEvent::taskId).toList());
        assertTrue(finished.tasks.contains("review-change:r1"));
    }

    @Test
    void aPassingFailureGoesToFetchRetryAndLeavesTheTaskOpen() {
        google.refuse("r1", 503, """
                {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}""");

        assertEquals("ack", consume(ReviewChangeStageTest.notified("job-1", "r1"), 11));

        assertEquals(1, published.sent(RetryRequest.class).size());
        assertEquals(List.of(JobEvent.Outcome.RETRY_SCHEDULED), published.sent(JobEvent.class).stream().map(JobEvent::outcome).toList());
        assertEquals(List.of(), published.sent(DeadLetter.class));
        assertTrue(finished.tasks.isEmpty(), "its retry works it again");
    }

    @Test
    void aLocationNotOursEndsTheTaskWithoutRetryOrDeadLetter() {
        google.refuse("r1", 403, """
                {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}""");

        assertEquals("ack", consume(ReviewChangeStageTest.notified("job-1", "r1"), 12));

        assertEquals(List.of(JobEvent.Outcome.DONE), published.sent(JobEvent.class).stream().map(JobEvent::outcome).toList());
        assertEquals(List.of(), published.sent(RetryRequest.class));
        assertEquals(List.of(), published.sent(DeadLetter.class));
        assertTrue(finished.tasks.contains("review-change:r1"));
    }

    @Test
    void aRecordThatDoesNotDecodeIsDeadLetteredAsPoison() {
        CompletableFuture<String> settled = new CompletableFuture<>();
        byte[] payload = "{\"type\":\"fetch_review_change\",\"schema_version\":1}".getBytes();
        var origin = new IncomingKafkaRecordMetadata<>(new ConsumerRecord<>("fetch-reviews", 0, 13L, "L1", payload), "stage-in");
        stage.consume(Message.of(payload, Metadata.of(origin), () -> {
            settled.complete("ack");
            return CompletableFuture.completedFuture(null);
        })).await().indefinitely();

        assertEquals("ack", settled.orTimeout(5, TimeUnit.SECONDS).join());
        assertEquals(1, published.sent(DeadLetter.class).size());
        assertEquals(List.of(), google.asked);
    }
}
