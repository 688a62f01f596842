package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewNotification;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleErrorMapper;
import io.reviewfetcher.google.GoogleReviewsApi;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.google.permits.PermitGate;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import jakarta.enterprise.inject.Vetoed;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One review Google notified: one permit and one reviews.get at most, delivered once. No Kafka, Redis, Postgres or Google. */
class ReviewChangeStageTest {
    /** When Google published the notification (Pub/Sub's publishTime). */
    static final Instant PUBLISHED = Instant.parse("2026-11-30T12:00:00Z");
    static final String EDITED = "2026-11-30T11:59:58Z";
    static final String WRITTEN = "2026-11-01T09:00:00Z";

    /** reviews.get: an answer or a refusal per review id, or an answer the test holds back. */
    static final class NotifiedReviews implements GoogleReviewsApi {
        final Map<String, Uni<GoogleDtos.Review>> answers = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        NotifiedReviews answer(String reviewId, String updateTime) {
            return answer(reviewId, review(reviewId, "FOUR", updateTime));
        }

        NotifiedReviews answer(String reviewId, GoogleDtos.Review review) {
            answers.put(reviewId, Uni.createFrom().item(review));
            return this;
        }

        NotifiedReviews refuse(String reviewId, int status, String body) {
            answers.put(reviewId, Uni.createFrom().failure(() -> new GoogleErrorMapper().toThrowable(
                    Response.status(status).entity(body).build())));
            return this;
        }

        /** The answer comes when the returned future completes. */
        CompletableFuture<GoogleDtos.Review> hold(String reviewId) {
            CompletableFuture<GoogleDtos.Review> later = new CompletableFuture<>();
            answers.put(reviewId, Uni.createFrom().completionStage(later));
            return later;
        }

        static GoogleDtos.Review review(String reviewId, String stars, String updateTime) {
            return new GoogleDtos.Review("accounts/1/locations/L1/reviews/" + reviewId, reviewId,
                    new GoogleDtos.Reviewer(null, "R", false), stars, "fine", WRITTEN, updateTime, null);
        }

        @Override
        public Uni<GoogleDtos.Review> get(String bearer, String accountId, String locationId, String reviewId) {
            asked.add(accountId + "/" + locationId + "/" + reviewId);
            return answers.get(reviewId);
        }

        @Override
        public Uni<GoogleDtos.ReviewsPage> list(String bearer, String accountId, String locationId, int pageSize, String pageToken,
                                                String orderBy) {
            throw new UnsupportedOperationException("a notified review is fetched alone");
        }
    }

    /** No token-service: every call is permitted at once, and what it was asked for is kept. */
    @Vetoed // not a bean: the application's own PermitGate must stay the only one
    static final class RecordingGate extends PermitGate {
        final List<String> calls = new ArrayList<>();

        RecordingGate() {
            super(null, new SimpleMeterRegistry());
        }

        @Override
        public <R> Uni<R> callGoogle(String endpoint, String credential, String jobId, int urgency, Function<String, Uni<R>> call) {
            calls.add(endpoint + " " + credential + " " + jobId + " " + urgency);
            return call.apply("Bearer test");
        }
    }

    private static final String NOT_FOUND = """
            {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}""";
    private static final String FORBIDDEN = """
            {"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}""";

    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final NotifiedReviews google = new NotifiedReviews();
    final RecordingGate gate = new RecordingGate();
    final InMemoryReviewStore store = new InMemoryReviewStore().describing("L1", "Cafe", "https://maps/L1");
    final ReviewChangeStage stage = new ReviewChangeStage(null, google, gate, store, metrics);

    static FetchReviewChange notified(String jobId, String reviewId) {
        return new FetchReviewChange(jobId, PUBLISHED.plusSeconds(1), "client:42", "1", "L1", reviewId,
                ReviewNotification.UPDATED_REVIEW, "message-" + jobId, PUBLISHED);
    }

    private List<Event> work(FetchReviewChange task) {
        List<Event> produced = stage.fetch(task).await().atMost(Duration.ofSeconds(5));
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        return produced;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The task's own job event: done, whatever became of the review. */
    private static JobEvent done(List<Event> events) {
        List<JobEvent> done = only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).toList();
        assertEquals(1, done.size(), events.toString());
        assertEquals("review-change:r1", done.get(0).taskId());
        assertEquals(List.of(), done.get(0).spawnedTaskIds());
        return done.get(0);
    }

    private double processed(String outcome) {
        Counter counter = metrics.find(ReviewChangeStage.PROCESSED).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Instant at(String rfc3339) {
        return Instant.parse(rfc3339);
    }

    // --- the store is already fresh ---------------------------------------------------------------------------------

    @Test
    void aReviewFetchedAtOrAfterThePublishTimeCostsNoCallAndDeliversNothing() {
        store.holding("L1", "r1", at(EDITED), PUBLISHED);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of(), google.asked, "no permit, no call");
        assertEquals(List.of(), gate.calls);
        assertEquals(List.of(done(results)), results, "nothing but the task done");
        assertEquals(0, done(results).reviewsDelivered());
        assertEquals(1, processed("fresh"));
    }

    @Test
    void aReviewFetchedBeforeThePublishTimeIsFetchedAgain() {
        store.holding("L1", "r1", at(WRITTEN), PUBLISHED.minusMillis(1));
        google.answer("r1", EDITED);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of("1/L1/r1"), google.asked);
        assertEquals(List.of(ReviewChange.UPDATED), only(results, ReviewRaw.class).stream().map(ReviewRaw::change).toList());
    }

    // --- fetched: what the store says it is -------------------------------------------------------------------------

    @Test
    void aNewReviewIsDeliveredNewWithItsLocationsTitleAndMapsLinkAfterOnePermit() {
        google.answer("r1", EDITED);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of("reviews.get client:42 job-1 " + CallUrgency.notifiedReview()), gate.calls);
        assertEquals(List.of("1/L1/r1"), google.asked, "accounts/1/locations/L1/reviews/r1");
        ReviewRaw review = only(results, ReviewRaw.class).get(0);
        assertEquals(ReviewChange.NEW, review.change());
        assertEquals("job-1", review.jobId());
        assertEquals("Cafe", review.locationName());
        assertEquals("https://maps/L1", review.attribution().mapsUri());
        assertEquals(at(EDITED), review.updateTime());
        assertEquals(review.fetchedAt().plus(ReviewRaw.RETENTION), review.expiresAt());
        assertEquals(List.of("L1:r1"), store.recorded);
        JobEvent done = done(results);
        assertEquals(1, done.reviewsDelivered());
        assertEquals(1, done.reviewsNew());
        assertEquals(2, results.size());
        assertEquals(1, processed("delivered"));
    }

    @Test
    void anEditedReviewIsDeliveredUpdated() {
        store.holding("L1", "r1", at(WRITTEN), PUBLISHED.minus(Duration.ofDays(1)));
        google.answer("r1", EDITED);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(ReviewChange.UPDATED, only(results, ReviewRaw.class).get(0).change());
        assertEquals(1, done(results).reviewsUpdated());
        assertEquals(1, processed("delivered"));
    }

    @Test
    void theVersionTheStoreHoldsIsNotDelivered() {
        store.holding("L1", "r1", at(EDITED), PUBLISHED.minus(Duration.ofDays(1)));
        google.answer("r1", EDITED);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of("1/L1/r1"), google.asked);
        assertEquals(List.of(done(results)), results);
        assertEquals(0, done(results).reviewsDelivered());
        assertEquals(1, processed("unchanged"));
    }

    @Test
    void aLocationNoRunDescribedIsDeliveredWithoutTitleOrMapsLink() {
        google.answer("r1", EDITED);

        List<Event> results = work(new FetchReviewChange("job-1", PUBLISHED, "client:42", "1", "L9", "r1",
                ReviewNotification.NEW_REVIEW, "m", PUBLISHED));

        ReviewRaw review = only(results, ReviewRaw.class).get(0);
        assertEquals("", review.locationName());
        assertNull(review.attribution().mapsUri());
        assertEquals("Google", review.attribution().source());
    }

    @Test
    void theWatermarkStays() {
        store.watermark("L1", at(WRITTEN));
        google.answer("r1", EDITED);

        work(notified("job-1", "r1"));

        assertEquals(List.of(), store.advanced, "one notified review says nothing of the location's others");
        assertEquals(at(WRITTEN), store.watermarks.get("L1"));
    }

    /** kill -9 between the store's write and the publish: the task run again must deliver what it recorded. */
    @Test
    void aTaskRunAgainAfterItRecordedTheReviewDeliversTheSameAgain() {
        google.answer("r1", EDITED);
        FetchReviewChange task = notified("job-1", "r1");
        List<Event> died = work(task);

        List<Event> again = work(task.withAttempt(1));

        assertEquals(2, google.asked.size(), "its own fetch does not make the store fresh for it");
        assertEquals(only(died, ReviewRaw.class).stream().map(ReviewRaw::change).toList(),
                only(again, ReviewRaw.class).stream().map(ReviewRaw::change).toList());
        assertEquals(ReviewChange.NEW, only(again, ReviewRaw.class).get(0).change(), "the store answers what it answered");
    }

    @Test
    void anInvalidReviewIsDeadLetteredAloneAndTheTaskIsDone() {
        google.answer("r1", NotifiedReviews.review("r1", "STAR_RATING_UNSPECIFIED", EDITED));

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(1, only(results, DeadLetter.class).size());
        assertTrue(only(results, DeadLetter.class).get(0).reason().startsWith("invalid review r1: starRating"));
        assertEquals(List.of("review:r1"), only(results, JobEvent.class).stream()
                .filter(e -> e.outcome() == JobEvent.Outcome.DEAD_LETTERED).map(JobEvent::taskId).toList());
        assertEquals(0, done(results).reviewsDelivered());
        assertEquals(List.of(), store.recorded);
        assertEquals(1, processed("invalid"));
    }

    // --- Google refuses ---------------------------------------------------------------------------------------------

    @Test
    void aReviewGoogleNoLongerHasIsGone() {
        google.refuse("r1", 404, NOT_FOUND);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of(done(results)), results, "no retry, no dead letter, nothing delivered");
        assertEquals(1, processed("gone"));
        assertEquals(List.of(), store.recorded);
    }

    @Test
    void a404ForALocationNoRunReachedIsNotOurs() {
        google.refuse("r1", 404, NOT_FOUND);

        List<Event> results = work(new FetchReviewChange("job-1", PUBLISHED, "client:42", "1", "L9", "r1",
                ReviewNotification.NEW_REVIEW, "m", PUBLISHED));

        assertEquals(List.of(done(results)), results);
        assertEquals(1, processed("unmanaged_location"));
    }

    @Test
    void aLocationGoogleForbidsIsDroppedWithoutRetry() {
        google.refuse("r1", 403, FORBIDDEN);

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of(done(results)), results);
        assertEquals(1, processed("unmanaged_location"));
    }

    @Test
    void aForbiddenCallThatIsAboutOurProjectFailsTheTask() {
        google.refuse("r1", 403, """
                {"error": {"code": 403, "message": "Google My Business API has not been used in project 1 before or it is disabled.",
                  "status": "PERMISSION_DENIED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                  "reason": "SERVICE_DISABLED", "domain": "googleapis.com"}]}}""");

        GoogleApiException failure = assertThrows(GoogleApiException.class, () -> work(notified("job-1", "r1")));

        assertFalse(failure.retryable(), "dead-lettered by the runner, for an operator to see");
        assertEquals(0, processed("unmanaged_location"));
    }

    @Test
    void anUnverifiedLocationIsDoneWithNothingDelivered() {
        google.refuse("r1", 400, """
                {"error": {"code": 400, "message": "Precondition check failed.", "status": "FAILED_PRECONDITION"}}""");

        List<Event> results = work(notified("job-1", "r1"));

        assertEquals(List.of(done(results)), results);
        assertEquals(1, processed("unverified_location"));
    }

    @Test
    void aPassingFailureFailsTheTaskForARetry() {
        google.refuse("r1", 503, """
                {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}""");

        GoogleApiException failure = assertThrows(GoogleApiException.class, () -> work(notified("job-1", "r1")));

        assertTrue(failure.retryable(), "routed to fetch-retry by the runner");
        assertEquals(List.of(), store.recorded);
        assertEquals(0, metrics.find(ReviewChangeStage.PROCESSED).counters().size(), "not processed yet");
    }

    // --- two notifications at once ----------------------------------------------------------------------------------

    @Test
    void twoNotificationsOfOneReviewAtOnceMakeOneCall() {
        CompletableFuture<GoogleDtos.Review> answer = google.hold("r1");
        UniAssertSubscriber<List<Event>> first = stage.fetch(notified("job-1", "r1")).subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<List<Event>> second = stage.fetch(notified("job-2", "r1")).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(1, google.asked.size(), "the second waits for the first");

        answer.complete(NotifiedReviews.review("r1", "FOUR", EDITED));

        List<Event> delivered = first.awaitItem(Duration.ofSeconds(5)).getItem();
        List<Event> skipped = second.awaitItem(Duration.ofSeconds(5)).getItem();
        assertEquals(1, google.asked.size());
        assertEquals(1, only(delivered, ReviewRaw.class).size());
        assertEquals(List.of(), only(skipped, ReviewRaw.class));
        assertEquals(1, processed("fresh"));
    }

    @Test
    void notificationsOfDifferentReviewsDoNotWaitForEachOther() {
        google.hold("r1");
        google.answer("r2", EDITED);
        stage.fetch(notified("job-1", "r1")).subscribe().withSubscriber(UniAssertSubscriber.create());

        List<Event> other = work(notified("job-2", "r2"));

        assertEquals(List.of("1/L1/r1", "1/L1/r2"), google.asked);
        assertEquals(1, only(other, ReviewRaw.class).size());
    }
}
