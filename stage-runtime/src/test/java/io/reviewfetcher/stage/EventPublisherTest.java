package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventType;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** How records are keyed: a job's work spreads over partitions; what needs the job in its key keeps it. */
class EventPublisherTest {
    static final Instant NOW = StageFixture.NOW;
    static final FetchAccounts ACCOUNTS = new FetchAccounts("job-1", NOW, "client:42", null, null, FetchMode.FULL, 0);
    static final FetchLocations LOCATIONS = new FetchLocations("job-1", NOW, "client:42", "111", "Acme", null, FetchMode.FULL, 0);
    static final FetchReviews PAGE = StageFixture.PAGE;
    static final ReviewRaw REVIEW = new ReviewRaw("job-1", NOW, "111", "222", "Cafe", "r-1",
            new ReviewRaw.Reviewer("Ann", false, null), 5, "good", NOW, NOW, null, NOW, NOW.plus(ReviewRaw.RETENTION),
            new ReviewRaw.Attribution("Google", null), ReviewChange.NEW);
    static final RetryRequest RETRY = new RetryRequest("job-1", NOW, PAGE, List.of(new Failure(0, NOW, 503, "503", true, null)));
    static final DeadLetter LETTER = new DeadLetter("job-1", NOW, Topics.FETCH_REVIEWS, "404", PAGE, RETRY.failures(), null);
    static final JobEvent PROGRESS = JobEvents.done(PAGE, List.of(), 0, 0, 50, 0);

    /** One event of every type of the contract. */
    static final List<Event> ONE_OF_EACH = List.of(ACCOUNTS, LOCATIONS, PAGE, REVIEW, RETRY, LETTER, PROGRESS);

    @Test
    void aJobsWorkIsKeyedByWhatItIsAbout() {
        assertEquals("job-1", EventPublisher.partitionKey(ACCOUNTS));
        assertEquals("111", EventPublisher.partitionKey(LOCATIONS), "fetch-locations by account id");
        assertEquals("222", EventPublisher.partitionKey(PAGE), "fetch-reviews by location id: a location's pages together");
        assertEquals("222", EventPublisher.partitionKey(REVIEW), "reviews-raw by location id");
        assertEquals("L7", EventPublisher.partitionKey(new FetchReviewBatch("job-1", NOW, "client:42", "111",
                List.of(new FetchReviewBatch.WatermarkedLocation("L7", "Cafe", null, NOW),
                        new FetchReviewBatch.WatermarkedLocation("L8", "Bar", null, NOW)))), "a batch by its first location");
        assertEquals("job-1", EventPublisher.partitionKey(RETRY));
        assertEquals("job-1", EventPublisher.partitionKey(LETTER));
        assertEquals("job-1", EventPublisher.partitionKey(PROGRESS));
    }

    @Test
    void theTopicsKeyedByJobIdAreExactlyThoseWhoseKeyIsTheJobId() {
        assertEquals(Arrays.stream(EventType.values()).map(EventType::topic).collect(Collectors.toSet()),
                ONE_OF_EACH.stream().map(event -> EventType.of(event).topic()).collect(Collectors.toSet()), "one of each");
        for (Event event : ONE_OF_EACH) {
            String topic = EventType.of(event).topic();
            assertEquals(EventPublisher.partitionKey(event).equals(event.jobId()), EventPublisher.keyedByJobId(topic), topic);
        }
        assertFalse(EventPublisher.keyedByJobId("no-such-topic"));
    }

    @Test
    void everyRecordSentCarriesItsTopicAndKey() {
        List<Message<?>> sent = new ArrayList<>();
        @SuppressWarnings("unchecked")
        MutinyEmitter<Event> emitter = (MutinyEmitter<Event>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MutinyEmitter.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendMessage")) {
                        sent.add((Message<?>) args[0]);
                        return Uni.createFrom().voidItem();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        new EventPublisher(emitter).publishAll(ONE_OF_EACH).await().indefinitely();

        Map<String, String> keyByTopic = sent.stream().map(message -> message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow())
                .collect(Collectors.toMap(OutgoingKafkaRecordMetadata::getTopic, where -> (String) where.getKey()));
        assertEquals(Map.of(Topics.FETCH_ACCOUNTS, "job-1", Topics.FETCH_LOCATIONS, "111", Topics.FETCH_REVIEWS, "222",
                Topics.REVIEWS_RAW, "222", Topics.FETCH_RETRY, "job-1", Topics.FETCH_DLQ, "job-1", Topics.JOB_EVENTS, "job-1"), keyByTopic);
    }
}
