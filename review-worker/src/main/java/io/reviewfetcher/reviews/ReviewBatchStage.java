package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewBatch.WatermarkedLocation;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleBatchReviewsApi;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.google.permits.PermitGate;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fetch-reviews records of type {@code fetch_review_batch} (incremental runs) → one page of batchGetReviews for up to
 * 50 locations that have a watermark → the reviews updated since their location's watermark on reviews-raw, and the
 * next page as a new record while some location may still have such reviews. Google answers newest first across the
 * batch, so once a page's oldest review is no newer than every location's watermark the walk is over: an unchanged
 * batch costs one call. At the walk's normal end each location's watermark moves to the newest review the walk met;
 * never before, so a walk that dies half-way leaves the next run to fetch what it did not get.
 *
 * <p>As for a location's pages ({@link ReviewStage}): each review id is published once per job ({@link JobClaims}),
 * an invalid review is dead-lettered alone, and the loop guard and page bound of {@link PageWalk} stop a walk that
 * would not end. Each delivered review is recorded in the review store first, which says whether it is new or updated;
 * one the store already holds as it is (unchanged) is not delivered: that is what an incremental run leaves out.
 *
 * <p>A batch whose call Google refuses for something of one location's (unverified, gone, forbidden) or whose page
 * token it no longer takes is split: each of its locations gets the ordinary walk of its own ({@code fetch_reviews}
 * page 1), where such a location is dealt with alone instead of failing the other 49.
 */
@ApplicationScoped
public class ReviewBatchStage {
    static final String ENDPOINT = "reviews.batchGet";

    private final DeduplicatingStageRunner runner;
    private final GoogleBatchReviewsApi google;
    private final PermitGate permits;
    private final JobClaims claims;
    private final ReviewStore store;
    private final PageWalk walk;
    private final MeterRegistry metrics;

    @Inject
    public ReviewBatchStage(StageRunner runner, @RestClient GoogleBatchReviewsApi google, PermitGate permits,
                            ReactiveRedisDataSource redis, ReviewStore store, PageWalk walk, MeterRegistry metrics) {
        this(runner, google, permits, redis, new JobClaims(redis, JobClaims.Kind.REVIEWS), store, walk, metrics);
    }

    private ReviewBatchStage(StageRunner runner, GoogleBatchReviewsApi google, PermitGate permits, ReactiveRedisDataSource redis,
                             JobClaims claims, ReviewStore store, PageWalk walk, MeterRegistry metrics) {
        // The same claims and finished tasks as ReviewStage's: a review is published once per job, whichever walk meets it.
        this(runner.deduplicating(claims.confirmedWhenFinished(FinishedTasks.inRedis(redis))), google, permits, claims,
                store, walk, metrics);
    }

    ReviewBatchStage(DeduplicatingStageRunner runner, GoogleBatchReviewsApi google, PermitGate permits, JobClaims claims,
                     ReviewStore store, PageWalk walk, MeterRegistry metrics) {
        this.runner = runner;
        this.google = google;
        this.permits = permits;
        this.claims = claims;
        this.store = store;
        this.walk = walk;
        this.metrics = metrics;
    }

    /** Called by {@link FetchReviewsConsumer} for the records of type {@code fetch_review_batch}. */
    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOnce(record, FetchReviewBatch.class, this::fetchPage);
    }

    Uni<List<Event>> fetchPage(FetchReviewBatch task) {
        GoogleDtos.BatchGetReviewsRequest request = GoogleDtos.BatchGetReviewsRequest.newestFirst(
                task.locations().stream().map(location -> BatchPage.v4Name(task.accountId(), location.locationId())).toList(),
                task.pageToken());
        return describe(task).chain(() -> permits.callGoogle(ENDPOINT, task.credential(), task.jobId(), CallUrgency.reviewBatchPage(),
                        bearer -> google.batchGet(bearer, task.accountId(), request)))
                .chain(page -> deliver(task, page))
                .onFailure(ReviewBatchStage::splits).recoverWithUni(error -> split(task, Failures.find(error, GoogleApiException.class)));
    }

    /** A batch's first page keeps its locations' titles and Maps links, for a review fetched alone (ReviewChangeStage). */
    private Uni<Void> describe(FetchReviewBatch task) {
        if (task.pageNumber() != 1) {
            return Uni.createFrom().voidItem();
        }
        return store.describe(task.accountId(), task.locations().stream()
                .map(location -> new ReviewStore.Listing(location.locationId(), location.locationName(), location.mapsUri()))
                .toList(), Instant.now());
    }

    private Uni<List<Event>> deliver(FetchReviewBatch task, GoogleDtos.BatchReviewsPage page) {
        Instant fetchedAt = Instant.now();
        BatchPage read = BatchPage.read(task, page, fetchedAt);
        notInBatch(task, read.notInBatch());
        List<Event> produced = new ArrayList<>();
        read.invalid().forEach(checked -> produced.addAll(invalid(task, checked)));
        List<String> ids = read.ahead().stream().map(ahead -> ahead.review().reviewId()).toList();
        // Claimed before the publish, provisional until this task is finished (JobClaims), as ReviewStage does.
        return claims.claim(task.jobId(), TaskIds.of(task), ids).chain(claimed -> {
            List<BatchPage.Ahead> owned = read.ahead().stream().filter(ahead -> claimed.contains(ahead.review().reviewId())).toList();
            return record(task, owned, fetchedAt).chain(changes -> {
                Delivered delivered = Delivered.of(owned, changes);
                produced.addAll(delivered.reviews());
                return next(task.withNewestSeen(read.newestByLocation()), page, read).map(after -> {
                    produced.addAll(after.events());
                    produced.add(JobEvents.reviewBatchPage(task, after.spawned(), delivered.count(ReviewChange.NEW),
                            delivered.count(ReviewChange.UPDATED), ids.size() - owned.size(), after.locationsDone()));
                    return produced;
                });
            });
        });
    }

    /** The reviews in the review store, per location; what each one is to this job, by review id. */
    private Uni<Map<String, ReviewChange>> record(FetchReviewBatch task, List<BatchPage.Ahead> reviews, Instant fetchedAt) {
        Map<String, List<ReviewStore.Incoming>> byLocation = new LinkedHashMap<>();
        reviews.forEach(ahead -> byLocation.computeIfAbsent(ahead.review().locationId(), id -> new ArrayList<>())
                .add(StoreRecords.incoming(ahead.review(), ahead.google())));
        Map<String, ReviewChange> changes = new LinkedHashMap<>();
        Uni<Void> recorded = Uni.createFrom().voidItem();
        for (Map.Entry<String, List<ReviewStore.Incoming>> location : byLocation.entrySet()) {
            recorded = recorded.chain(() -> store.record(task.jobId(), task.accountId(), location.getKey(), location.getValue(),
                    fetchedAt, fetchedAt.plus(ReviewRaw.RETENTION)).invoke(changes::putAll).replaceWithVoid());
        }
        return recorded.map(done -> changes);
    }

    /** What follows this page: the next page, or the walk's end with its watermarks, or the stopped walk's dead letter. */
    private record After(List<Event> events, List<String> spawned, int locationsDone) {
    }

    private Uni<After> next(FetchReviewBatch task, GoogleDtos.BatchReviewsPage page, BatchPage read) {
        String token = page.nextPageToken();
        List<WatermarkedLocation> ahead = read.stillAhead(task);
        if (token == null || token.isEmpty() || ahead.isEmpty()) {
            return advanceWatermarks(task, task.locations()).map(done -> new After(List.of(), List.of(), task.locations().size()));
        }
        if (ahead.size() < task.locations().size()) {
            // The locations this page finished leave the batch: the rest walk on in a batch of their own, whose pages hold
            // only their reviews, so an unchanged business costs a few calls per batch rather than a walk down to the
            // oldest watermark through everyone's reviews.
            FetchReviewBatch narrowed = task.narrowedTo(Instant.now(), ahead);
            List<WatermarkedLocation> done = task.locations().stream().filter(location -> !ahead.contains(location)).toList();
            return advanceWatermarks(task, done).map(advanced -> new After(List.of(narrowed), List.of(TaskIds.of(narrowed)),
                    done.size()));
        }
        PageWalk.Next<FetchReviewBatch> next = walk.after(task, token, ENDPOINT, "accounts/" + task.accountId());
        if (next.continues()) {
            return Uni.createFrom().item(new After(List.of(next.page()), List.of(TaskIds.of(next.page())), 0));
        }
        // Stopped by the loop guard: the walk did not end, so the watermarks stay where they were.
        return Uni.createFrom().item(new After(PageWalk.stopped(next), List.of(), 0));
    }

    /** Each of the locations that met a review newer than its watermark: the watermark becomes the newest one met. */
    private Uni<Void> advanceWatermarks(FetchReviewBatch task, List<WatermarkedLocation> locations) {
        Instant now = Instant.now();
        Uni<Void> advanced = Uni.createFrom().voidItem();
        for (WatermarkedLocation location : locations) {
            if (location.newestSeen() != null && location.newestSeen().isAfter(location.watermark())) {
                advanced = advanced.chain(() -> store.advanceWatermark(task.accountId(), location.locationId(),
                        location.newestSeen(), now));
            }
        }
        return advanced;
    }

    /**
     * Google refused the batch for something one location may cause (400 FAILED_PRECONDITION for an unverified
     * location, 403, 404), or refused the page token (it never works again): permanent for the batch as it is.
     */
    private static boolean splits(Throwable error) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        if (google == null || google.retryable()) {
            return false;
        }
        int status = google.httpStatus();
        return google.pageTokenRefused() || status == 403 || status == 404
                || (status == 400 && "FAILED_PRECONDITION".equals(google.status()));
    }

    /**
     * Each location of the batch gets its ordinary walk, page 1, a task of its own; this page is done. What this page
     * claimed in a run that died before publishing is let go first: it publishes no review. The watermarks stay: each
     * walk sets its location's when it ends complete.
     */
    private Uni<List<Event>> split(FetchReviewBatch task, GoogleApiException refused) {
        metrics.counter("stage.review.batches.split", "status", String.valueOf(refused.httpStatus())).increment();
        // Google's error text names no credential (GoogleApiException).
        JobLog.warn(task.jobId(), JobLog.Position.NONE, "%s refused (%s): its %d locations are walked one by one",
                TaskIds.of(task), refused.getMessage(), task.locations().size());
        Instant now = Instant.now();
        List<Event> produced = new ArrayList<>();
        List<String> spawned = new ArrayList<>();
        for (WatermarkedLocation location : task.locations()) {
            FetchReviews first = new FetchReviews(task.jobId(), now, task.credential(), task.accountId(), location.locationId(),
                    location.locationName(), location.mapsUri(), null, 1, FetchMode.INCREMENTAL, 0);
            produced.add(first);
            spawned.add(TaskIds.of(first));
        }
        return claims.claim(task.jobId(), TaskIds.of(task), List.of()).map(none -> {
            produced.add(JobEvents.reviewBatchPage(task, spawned, 0, 0, 0, 0));
            return produced;
        });
    }

    /** Entries of a page that name no location of the batch: skipped alone, counted, never failing the page. */
    private void notInBatch(FetchReviewBatch task, int count) {
        if (count == 0) {
            return;
        }
        metrics.counter("stage.list.items.skipped", "endpoint", ENDPOINT, "cause", "not_in_batch").increment(count);
        JobLog.warn(task.jobId(), JobLog.Position.NONE, "%s: %d review(s) of %s page %d name no location of the batch; skipped",
                TaskIds.of(task), count, ENDPOINT, task.pageNumber());
    }

    private static List<Event> invalid(FetchReviewBatch page, ReviewValidator.Checked checked) {
        String reason = "invalid review " + checked.reviewId() + ": " + checked.problem();
        Failure failure = Failures.classify(page.attempt(), new InvalidReview(checked.problem()));
        return List.of(new DeadLetter(page.jobId(), Instant.now(), page.topic(), reason, page, List.of(failure), null),
                JobEvents.invalidReview(page, checked.reviewId(), reason));
    }

    /** The reviews a page delivers, each as the store says it is; unchanged ones are left out. */
    private record Delivered(List<ReviewRaw> reviews) {
        static Delivered of(List<BatchPage.Ahead> owned, Map<String, ReviewChange> changes) {
            List<ReviewRaw> delivered = new ArrayList<>();
            for (BatchPage.Ahead ahead : owned) {
                ReviewChange change = changes.get(ahead.review().reviewId());
                if (change == null) {
                    throw new IllegalStateException("the review store answered no change for a review it recorded");
                }
                if (change != ReviewChange.UNCHANGED) {
                    delivered.add(ahead.review().as(change));
                }
            }
            return new Delivered(List.copyOf(delivered));
        }

        int count(ReviewChange change) {
            return (int) reviews.stream().filter(review -> review.change() == change).count();
        }
    }
}
