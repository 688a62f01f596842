package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleReviewsApi;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.google.permits.PermitGate;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.OneAtATime;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * fetch-reviews records of type {@code fetch_review_change}: one review Google notified (written or edited) → at most
 * one reviews.get → the review on reviews-raw when the store says it is new or updated, as an incremental run delivers.
 *
 * <p>No call when the store fetched the review at or after Google published the notification (its Pub/Sub
 * {@code publishTime}): the edit it announces came before, so that fetch has it. A duplicate push, a late or reordered
 * one, a burst of edits an earlier fetch covered: done, nothing delivered. A fetch by this job does not count: this task
 * run again after a crash between the store's write and the publish must deliver what it recorded, so it fetches again
 * and the store answers the change it answered first. Two notifications of one review in this pod take turns
 * ({@link OneAtATime}, keyed by review), so the second finds the first's fetch.
 *
 * <p>Google's refusals that no retry changes end the task with nothing delivered ({@link NotificationOutcome#refusal}):
 * the review deleted since (404), a location not ours (403, or 404 for a location no run reached), an unverified one.
 * Other failures go the normal way: retried through fetch-retry, dead-lettered when permanent.
 *
 * <p>The location's watermark stays: it says every review up to it was seen, and one notified review says nothing of
 * the others (a notification Google never sent, or sent before notifications were on, would be skipped for good). The
 * location's title and Maps link come from the store, as the last run listed them; a location no run has described yet
 * is delivered with an empty {@code location_name} and no Maps link rather than a second Google call.
 */
@ApplicationScoped
public class ReviewChangeStage {
    static final String ENDPOINT = "reviews.get";
    static final String PROCESSED = "notifications.processed";

    private final DeduplicatingStageRunner runner;
    private final GoogleReviewsApi google;
    private final PermitGate permits;
    private final ReviewStore store;
    private final MeterRegistry metrics;
    private final OneAtATime reviewsInFlight = new OneAtATime();

    @Inject
    public ReviewChangeStage(StageRunner runner, @RestClient GoogleReviewsApi google, PermitGate permits,
                             ReactiveRedisDataSource redis, ReviewStore store, MeterRegistry metrics) {
        // No claims: a job of one review has no other task that could deliver it.
        this(runner.deduplicating(FinishedTasks.inRedis(redis)), google, permits, store, metrics);
    }

    ReviewChangeStage(DeduplicatingStageRunner runner, GoogleReviewsApi google, PermitGate permits, ReviewStore store,
                      MeterRegistry metrics) {
        this.runner = runner;
        this.google = google;
        this.permits = permits;
        this.store = store;
        this.metrics = metrics;
    }

    /** Called by {@link FetchReviewsConsumer} for the records of type {@code fetch_review_change}. */
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOnce(record, FetchReviewChange.class, this::fetch);
    }

    Uni<List<Event>> fetch(FetchReviewChange task) {
        return reviewsInFlight.run(task.locationId() + " " + task.reviewId(), () -> store.lastFetch(task.locationId(), task.reviewId())
                .chain(last -> coveredBy(last, task) ? Uni.createFrom().item(done(task, NotificationOutcome.FRESH))
                        : store.listing(task.locationId()).chain(listing -> fetchFromGoogle(task, listing))));
    }

    /** The store's last fetch of the review has what the notification announces (see the class comment). */
    static boolean coveredBy(Optional<ReviewStore.LastFetch> last, FetchReviewChange task) {
        return last.isPresent() && !last.get().fetchedAt().isBefore(task.publishedAt()) && !task.jobId().equals(last.get().jobId());
    }

    /** Google's answer: the review, or a refusal that ends the task. */
    private record Answer(GoogleDtos.Review review, NotificationOutcome refusal, String why) {
    }

    private Uni<List<Event>> fetchFromGoogle(FetchReviewChange task, Optional<ReviewStore.Listing> listing) {
        return permits.callGoogle(ENDPOINT, task.credential(), task.jobId(), CallUrgency.notifiedReview(),
                        bearer -> google.get(bearer, task.accountId(), task.locationId(), task.reviewId()))
                .map(review -> new Answer(review, null, null))
                .onFailure().recoverWithUni(error -> NotificationOutcome.refusal(error, listing.isPresent())
                        .map(refusal -> Uni.createFrom().item(new Answer(null, refusal, error.getMessage())))
                        .orElseGet(() -> Uni.createFrom().failure(error)))
                .chain(answer -> answer.review() != null ? deliver(task, listing, answer.review())
                        : Uni.createFrom().item(refused(task, answer)));
    }

    private Uni<List<Event>> deliver(FetchReviewChange task, Optional<ReviewStore.Listing> listing, GoogleDtos.Review review) {
        Instant fetchedAt = Instant.now();
        ReviewValidator.Origin origin = new ReviewValidator.Origin(task.jobId(), task.accountId(), task.locationId(),
                listing.map(ReviewStore.Listing::title).orElse(""), listing.map(ReviewStore.Listing::mapsUri).orElse(null));
        ReviewValidator.Checked checked = ReviewValidator.check(review, origin, fetchedAt);
        if (checked.review() == null) {
            return Uni.createFrom().item(invalid(task, checked));
        }
        ReviewRaw valid = checked.review();
        return store.record(task.jobId(), task.accountId(), task.locationId(), List.of(StoreRecords.incoming(valid, review)),
                        fetchedAt, fetchedAt.plus(ReviewRaw.RETENTION))
                .map(changes -> {
                    ReviewChange change = changes.get(valid.reviewId());
                    if (change == null) {
                        throw new IllegalStateException("the review store answered no change for a review it recorded");
                    }
                    if (change == ReviewChange.UNCHANGED) {
                        return done(task, NotificationOutcome.UNCHANGED);
                    }
                    count(NotificationOutcome.DELIVERED);
                    return List.of(valid.as(change), JobEvents.reviewPage(task, List.of(), Map.of(change, 1), 0, 0, null));
                });
    }

    private List<Event> refused(FetchReviewChange task, Answer answer) {
        // Google's error text names no credential (GoogleApiException).
        JobLog.info(task.jobId(), JobLog.Position.NONE, "%s: %s (%s): nothing delivered", TaskIds.of(task),
                answer.refusal().tag(), answer.why());
        return done(task, answer.refusal());
    }

    /** The task done with nothing delivered. */
    private List<Event> done(FetchReviewChange task, NotificationOutcome outcome) {
        count(outcome);
        return List.of(JobEvents.reviewPage(task, List.of(), Map.of(), 0, 0, null));
    }

    private List<Event> invalid(FetchReviewChange task, ReviewValidator.Checked checked) {
        String reason = "invalid review " + checked.reviewId() + ": " + checked.problem();
        Failure failure = Failures.classify(task.attempt(), new InvalidReview(checked.problem()));
        count(NotificationOutcome.INVALID);
        return List.of(new DeadLetter(task.jobId(), Instant.now(), task.topic(), reason, task, List.of(failure), null),
                JobEvents.invalidReview(task, checked.reviewId(), reason),
                JobEvents.reviewPage(task, List.of(), Map.of(), 0, 0, null));
    }

    private void count(NotificationOutcome outcome) {
        metrics.counter(PROCESSED, "outcome", outcome.tag()).increment();
    }
}
