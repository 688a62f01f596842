package io.reviewfetcher.reviews;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleReviewsApi;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.google.permits.PermitGate;
import io.reviewfetcher.stage.DeduplicatingStageRunner;
import io.reviewfetcher.stage.JobEvents;
import io.reviewfetcher.stage.StageRunner;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * fetch-reviews → one page of a location's reviews → reviews-raw, and the next page as a new fetch-reviews
 * record. One page per record keeps every record short: a crash resumes at the page it was on, and a
 * location with thousands of reviews does not hold a partition while small ones wait. The walk is bounded by
 * the location's {@code totalReviewCount} and guarded against a looping {@code nextPageToken} ({@link PageWalk});
 * a page token Google no longer takes starts the location again at page 1, at most twice ({@link PageWalk#restarts}).
 *
 * <p>Each review id is published once per job, whichever page (or pod) meets it first, and a page that died
 * between its claim and its publish does not keep what it claimed ({@link JobClaims}); an invalid review goes
 * to fetch-dlq with its reason while the rest of its page is delivered.
 *
 * <p>Every page is recorded in the review store before it is published, which says what each review is to the version
 * delivered before (new, updated, unchanged; an incremental run delivers only the first two). The full walk's last page
 * checks the walk against Google's count ({@link WalkVerification}): verified, it finds the deletions; short, recovery
 * walks in other orders look for what Google left out.
 */
@ApplicationScoped
public class ReviewStage {
    private final DeduplicatingStageRunner runner;
    private final GoogleReviewsApi google;
    private final PermitGate permits;
    private final JobClaims claims;
    private final PageWalk walk;
    private final ReviewStore store;
    private final WalkVerification verification;

    @Inject
    public ReviewStage(StageRunner runner, @RestClient GoogleReviewsApi google, PermitGate permits,
                       ReactiveRedisDataSource redis, PageWalk walk, ReviewStore store) {
        this(runner, google, permits, redis, new JobClaims(redis, JobClaims.Kind.REVIEWS), walk, store);
    }

    private ReviewStage(StageRunner runner, GoogleReviewsApi google, PermitGate permits, ReactiveRedisDataSource redis,
                        JobClaims claims, PageWalk walk, ReviewStore store) {
        this(runner.deduplicating(claims.confirmedWhenFinished(FinishedTasks.inRedis(redis))), google,
                permits, claims, walk, store);
    }

    ReviewStage(DeduplicatingStageRunner runner, GoogleReviewsApi google, PermitGate permits, JobClaims claims, PageWalk walk,
                ReviewStore store) {
        this.runner = runner;
        this.google = google;
        this.permits = permits;
        this.claims = claims;
        this.walk = walk;
        this.store = store;
        this.verification = new WalkVerification(store);
    }

    public Uni<Void> consume(Message<byte[]> record) {
        return runner.runOnce(record, FetchReviews.class, this::fetchPage);
    }

    Uni<List<Event>> fetchPage(FetchReviews record) {
        // Page 1 starts the walk by the store's clock: its later pages and recovery walks carry the time, so that its
        // end takes no review met since, by any job, for deleted (ReviewStore#endWalk).
        // It also keeps the location's title and Maps link, for a review of it fetched alone (ReviewChangeStage).
        Uni<FetchReviews> started = record.walkStartedAt() != null ? Uni.createFrom().item(record)
                : store.describe(record.accountId(), List.of(new ReviewStore.Listing(record.locationId(), record.locationName(),
                        record.mapsUri())), Instant.now()).chain(store::now).map(record::withWalkStart);
        return started.chain(this::fetchStartedPage);
    }

    private Uni<List<Event>> fetchStartedPage(FetchReviews task) {
        int urgency = CallUrgency.reviewPage(task.reviewCount(), task.pageNumber(), GoogleReviewsApi.MAX_PAGE_SIZE);
        return permits.callGoogle("reviews.list", task.credential(), task.jobId(), urgency, bearer -> google.list(bearer, task.accountId(),
                        task.locationId(), GoogleReviewsApi.MAX_PAGE_SIZE, task.pageToken(),
                        WalkVerification.orderBy(task.recoveryWalkNumber())))
                .onFailure(ReviewStage::unverified).recoverWithItem(GoogleDtos.ReviewsPage.NONE)
                .chain(page -> deliver(task, page))
                .onFailure().recoverWithUni(error -> walk.restarts(task, task.restartsSoFar(), error, "reviews.list", location(task))
                        ? restart(task) : Uni.createFrom().failure(error));
    }

    private Uni<List<Event>> deliver(FetchReviews task, GoogleDtos.ReviewsPage page) {
        Instant fetchedAt = Instant.now();
        List<Event> produced = new ArrayList<>();
        List<ReviewRaw> valid = new ArrayList<>();
        List<ReviewStore.Incoming> incoming = new ArrayList<>();
        for (var review : page.reviewsOrEmpty()) {
            ReviewValidator.Checked checked = ReviewValidator.check(review, task, fetchedAt);
            if (checked.review() != null) {
                valid.add(checked.review());
                incoming.add(StoredReviews.incoming(checked.review(), review));
            } else {
                produced.addAll(invalid(task, checked));
            }
        }
        // Claimed before the publish, so provisional until this task is finished: a page run again after a crash
        // frees what it no longer shows, for the page it moved to (JobClaims). Also with no review.
        return claims.claim(task.jobId(), TaskIds.of(task), valid.stream().map(ReviewRaw::reviewId).toList())
                .chain(owned -> store.record(task.jobId(), task.accountId(), task.locationId(), incoming, fetchedAt,
                                fetchedAt.plus(ReviewRaw.RETENTION))
                        .chain(changes -> {
                            Map<ReviewChange, Integer> counts = new EnumMap<>(ReviewChange.class);
                            int skipped = (int) valid.stream().filter(review -> !owned.contains(review.reviewId())).count();
                            for (ReviewRaw review : valid) {
                                ReviewChange change = changes.get(review.reviewId());
                                if (owned.contains(review.reviewId()) && (change != ReviewChange.UNCHANGED || task.mode() == FetchMode.FULL)) {
                                    // An incremental run delivers only what changed; a full run everything, marked.
                                    produced.add(review.as(change));
                                    counts.merge(change, 1, Integer::sum);
                                }
                            }
                            return next(task, page).map(after -> {
                                produced.addAll(after.verdict().events());
                                List<String> spawned = new ArrayList<>();
                                after.spawned().forEach(event -> {
                                    produced.add(event);
                                    spawned.add(TaskIds.of(event));
                                });
                                produced.add(JobEvents.reviewPage(task, spawned, counts, skipped, after.verdict().deleted(),
                                        after.verdict().incomplete()));
                                return produced;
                            });
                        }));
    }

    /** What follows a page: the walk's next page, a recovery walk, or its end (verified, or short). */
    private record After(List<FetchReviews> spawned, WalkVerification.Verdict verdict) {
    }

    private Uni<After> next(FetchReviews task, GoogleDtos.ReviewsPage page) {
        Integer count = page.totalReviewCount() != null ? page.totalReviewCount() : task.reviewCount();
        // The next page carries the count on: how many pages its walk has left (CallUrgency).
        PageWalk.Next<FetchReviews> next = walk.after(task.withReviewCount(page.totalReviewCount()), page.nextPageToken(),
                "reviews.list", location(task), walk.reviewPages(page.totalReviewCount(), GoogleReviewsApi.MAX_PAGE_SIZE,
                        page.reviewsOrEmpty().size()));
        if (next.stopped()) {
            return Uni.createFrom().item(new After(List.of(), new WalkVerification.Verdict(PageWalk.stopped(next), 0, null, true)));
        }
        // An unverified location (Google keeps no reviews for it) is not a walk to check: its empty answer is no count.
        // Marked so, incremental runs leave it to the full runs.
        if (page == GoogleDtos.ReviewsPage.NONE) {
            return store.markUnverified(task.accountId(), task.locationId(), Instant.now())
                    .replaceWith(new After(List.of(), WalkVerification.Verdict.GO_ON));
        }
        if (!WalkVerification.checks(task, !next.continues())) {
            return Uni.createFrom().item(new After(next.continues() ? List.of(next.page()) : List.of(), WalkVerification.Verdict.GO_ON));
        }
        return verification.check(task, count == null ? 0 : count, !next.continues()).map(verdict -> {
            if (!verdict.walkEnds() && next.continues()) {
                return new After(List.of(next.page()), verdict);
            }
            List<FetchReviews> spawned = verdict.events().stream().filter(FetchReviews.class::isInstance)
                    .map(FetchReviews.class::cast).toList();
            List<Event> rest = verdict.events().stream().filter(event -> !(event instanceof FetchReviews)).toList();
            return new After(spawned, new WalkVerification.Verdict(rest, verdict.deleted(), verdict.incomplete(), true));
        });
    }

    /**
     * Page 1 of the location again, a walk of tasks of its own (so job status waits for it and no finished page
     * of the first walk is skipped), spawned by this page, which is then done. The claims skip what the first walk
     * delivered. What this page claimed in a run that died before publishing is let go first: it publishes nothing.
     */
    private Uni<List<Event>> restart(FetchReviews task) {
        FetchReviews first = task.restarted(Instant.now());
        return claims.claim(task.jobId(), TaskIds.of(task), List.of())
                .map(none -> List.of(first, JobEvents.done(task, List.of(TaskIds.of(first)), 0, 0, 0, 0)));
    }

    private static String location(FetchReviews task) {
        return "accounts/" + task.accountId() + "/locations/" + task.locationId();
    }

    /** Google keeps no reviews for an unverified location (400 FAILED_PRECONDITION): nothing to fetch, not an error. */
    private static boolean unverified(Throwable error) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        return google != null && Integer.valueOf(400).equals(google.httpStatus()) && "FAILED_PRECONDITION".equals(google.status());
    }

    private static List<Event> invalid(FetchReviews page, ReviewValidator.Checked checked) {
        String reason = "invalid review " + checked.reviewId() + ": " + checked.problem();
        Failure failure = Failures.classify(page.attempt(), new InvalidReview(checked.problem()));
        return List.of(new DeadLetter(page.jobId(), Instant.now(), page.topic(), reason, page, List.of(failure), null),
                JobEvents.invalidReview(page, checked.reviewId(), reason));
    }
}
