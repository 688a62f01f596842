package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewDeleted;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleErrorMapper;
import io.reviewfetcher.google.GoogleReviewsApi;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.google.permits.PermitGate;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Vetoed;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review walk: one page per record, bounded by totalReviewCount and guarded against looping tokens. No Kafka, Redis or Google. */
class ReviewStagePagingTest {

    /** reviews.list as a map from page token ("" for the first) to its answer. */
    static final class ScriptedReviews implements GoogleReviewsApi {
        final Map<String, GoogleDtos.ReviewsPage> pages = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<String> orders = new ArrayList<>();
        boolean unverified;

        ScriptedReviews page(String token, String nextToken, int totalReviewCount, String... reviewIds) {
            List<GoogleDtos.Review> reviews = new ArrayList<>();
            for (String id : reviewIds) {
                reviews.add(new GoogleDtos.Review("accounts/1/locations/2/reviews/" + id, id, new GoogleDtos.Reviewer(null, "R", false),
                        "FIVE", "fine", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z", null));
            }
            pages.put(token == null ? "" : token, new GoogleDtos.ReviewsPage(reviews, 4.5, totalReviewCount, nextToken));
            return this;
        }

        /** Google no longer takes this token: the emulator's answer to a page token it cannot read, as mapped. */
        ScriptedReviews stale(String token) {
            pages.remove(token);
            staleTokens.add(token);
            return this;
        }

        final Set<String> staleTokens = new HashSet<>();

        @Override
        public Uni<GoogleDtos.Review> get(String bearer, String accountId, String locationId, String reviewId) {
            throw new UnsupportedOperationException("a walk lists pages; a notified review is ReviewChangeStageTest's");
        }

        @Override
        public Uni<GoogleDtos.ReviewsPage> list(String bearer, String accountId, String locationId, int pageSize, String pageToken,
                                                String orderBy) {
            asked.add(pageToken);
            orders.add(orderBy);
            if (unverified) {
                return Uni.createFrom().failure(new GoogleApiException(400, "FAILED_PRECONDITION", null, "unverified", null));
            }
            if (staleTokens.contains(pageToken)) {
                return Uni.createFrom().failure(new GoogleErrorMapper().toThrowable(Response.status(400).entity("""
                        {"error": {"code": 400, "message": "Request contains an invalid argument.",
                          "errors": [{"message": "Request contains an invalid argument.", "domain": "global", "reason": "badRequest"}],
                          "status": "INVALID_ARGUMENT",
                          "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                            "fieldViolations": [{"field": "page_token", "description": "Invalid page token."}]}]}}""").build()));
            }
            String key = (orderBy == null ? "" : orderBy + "|") + (pageToken == null ? "" : pageToken);
            return Uni.createFrom().item(pages.get(key));
        }
    }

    /** No token-service: every call is permitted at once. */
    @Vetoed // not a bean: PermitGate's scope is inherited, and the application's own PermitGate must stay the only one
    static final class OpenGate extends PermitGate {
        OpenGate() {
            super(null, new SimpleMeterRegistry());
        }

        final List<Integer> urgencies = new ArrayList<>();

        @Override
        public <R> Uni<R> callGoogle(String endpoint, String credential, String jobId, int urgency,
                                     Function<String, Uni<R>> call) {
            urgencies.add(urgency);
            return call.apply("Bearer test");
        }
    }

    /** JobClaims' script in memory, step for step: one job; a change to the script is a change here. */
    static final class InMemoryClaims extends JobClaims {
        final Map<String, String> owners = new HashMap<>();
        final Map<String, Set<String>> provisional = new HashMap<>();

        InMemoryClaims() {
            super(null, JobClaims.Kind.REVIEWS);
        }

        @Override
        public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
            for (String earlier : provisional.getOrDefault(owner, Set.of())) {
                if (!ids.contains(earlier) && owner.equals(owners.get(earlier))) {
                    owners.remove(earlier);
                }
            }
            Set<String> owned = new HashSet<>();
            for (String id : ids) {
                if (owners.putIfAbsent(id, owner) == null || owners.get(id).equals(owner)) {
                    owned.add(id);
                }
            }
            provisional.put(owner, Set.copyOf(owned));
            return Uni.createFrom().item(owned);
        }

        @Override
        public Uni<Void> confirm(String jobId, String owner) {
            provisional.remove(owner);
            return Uni.createFrom().voidItem();
        }
    }

    /** The runner's mark after a page's results are durable, through the claims as ReviewStage wires it. */
    static final class Finished implements FinishedTasks {
        final Set<String> tasks = new HashSet<>();

        @Override
        public Uni<Boolean> contains(StageEvent task) {
            return Uni.createFrom().item(tasks.contains(TaskIds.of(task)));
        }

        @Override
        public Uni<Void> add(StageEvent task) {
            tasks.add(TaskIds.of(task));
            return Uni.createFrom().voidItem();
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ScriptedReviews google = new ScriptedReviews();
    private final OpenGate gate = new OpenGate();
    private final InMemoryClaims claims = new InMemoryClaims();
    private final FinishedTasks finished = claims.confirmedWhenFinished(new Finished());
    private final InMemoryReviewStore store = new InMemoryReviewStore();
    private final ReviewStage stage = new ReviewStage(null, google, gate, claims, new PageWalk(metrics, 1000), store);

    private static FetchReviews firstPage() {
        return new FetchReviews("job-1", Instant.now(), "client:42", "1", "2", "Cafe", null, null, 1, FetchMode.FULL, 0);
    }

    /** One page as the runner works it: fetched, published (here: returned), marked finished. */
    private List<Event> work(FetchReviews task) {
        List<Event> produced = stage.fetchPage(task).await().atMost(Duration.ofSeconds(5));
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        finished.add(task).await().atMost(Duration.ofSeconds(5));
        return produced;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static JobEvent done(List<Event> events) {
        return only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).findFirst().orElseThrow();
    }

    /** Works the location's full walk page after page, without the recovery walks a short one leads to. */
    private List<List<Event>> walk() {
        return walk(firstPage(), false);
    }

    /** Works page after page from {@code page}, recovery walks included or not; returns every page's results. */
    private List<List<Event>> walk(FetchReviews page, boolean recoveries) {
        List<List<Event>> results = new ArrayList<>();
        while (page != null && results.size() < 100) {
            List<Event> produced = work(page);
            results.add(produced);
            page = only(produced, FetchReviews.class).stream()
                    .filter(next -> recoveries || next.recoveryWalkNumber() == 0).findFirst().orElse(null);
        }
        return results;
    }

    @Test
    void theNextPageCarriesItsTokenAndTheLoopMark() {
        google.page(null, "t2", 4, "r1", "r2").page("t2", "t3", 4, "r3").page("t3", null, 4, "r4");
        List<List<Event>> pages = walk();
        assertEquals(3, pages.size());
        FetchReviews second = only(pages.get(0), FetchReviews.class).get(0);
        assertEquals("t2", second.pageToken());
        assertEquals(PageWalk.fingerprint("t2"), second.pageTokenMark());
        assertEquals(List.of("reviews:2:2"), done(pages.get(0)).spawnedTaskIds());
        assertEquals(2, done(pages.get(0)).reviewsDelivered());
        assertEquals(List.of(), done(pages.get(2)).spawnedTaskIds());
        assertEquals(4, pages.stream().mapToLong(p -> only(p, ReviewRaw.class).size()).sum());
    }

    /** A walk's start keeps the location's title and Maps link, for a review of it fetched alone (a notification). */
    @Test
    void aWalksFirstPageDescribesItsLocationOnce() {
        google.page(null, "t2", 3, "r1", "r2").page("t2", null, 3, "r3");

        walk(new FetchReviews("job-1", Instant.now(), "client:42", "1", "2", "Cafe", "https://maps/2", null, 1, FetchMode.FULL, 0),
                false);

        assertEquals(List.of("2"), store.described);
        assertEquals(new ReviewStore.Listing("2", "Cafe", "https://maps/2"), store.listings.get("2"));
    }

    /**
     * The count Google gives on a page travels with the walk, so each later page asks for its permit with the
     * number of pages its walk has left: the longest walk left goes first when calls wait.
     */
    @Test
    void eachPageAsksWithThePagesItsWalkHasLeft() {
        google.page(null, "t2", 120, "r1").page("t2", "t3", 120, "r2").page("t3", null, 121, "r3");
        List<List<Event>> pages = walk();
        assertEquals(120, only(pages.get(0), FetchReviews.class).get(0).reviewCount());
        assertEquals(List.of(CallUrgency.DISCOVERY, 2, 1), gate.urgencies, "page 1 unknown; 120 reviews are 3 pages");
    }

    /** A reply Google's moderation left without text dead-letters nothing: its review is delivered with the page. */
    @Test
    void aReplyWithoutACommentDoesNotCostItsReview() {
        GoogleDtos.Reviewer reviewer = new GoogleDtos.Reviewer(null, "R", false);
        google.pages.put("", new GoogleDtos.ReviewsPage(List.of(
                new GoogleDtos.Review("accounts/1/locations/2/reviews/r1", "r1", reviewer, "FOUR", "good", "2025-01-01T00:00:00Z",
                        "2025-01-01T00:00:00Z", new GoogleDtos.ReviewReply(null, "2025-01-02T00:00:00Z")),
                new GoogleDtos.Review("accounts/1/locations/2/reviews/r2", "r2", reviewer, "FIVE", null, "2025-01-01T00:00:00Z",
                        "2025-01-01T00:00:00Z", new GoogleDtos.ReviewReply("thanks", "2025-01-02T00:00:00Z"))), 4.5, 2, null));

        List<Event> results = work(firstPage());

        assertEquals(List.of("r1", "r2"), only(results, ReviewRaw.class).stream().map(ReviewRaw::reviewId).toList());
        assertEquals(null, only(results, ReviewRaw.class).get(0).reply());
        assertEquals("thanks", only(results, ReviewRaw.class).get(1).reply().comment());
        assertEquals(List.of(), only(results, DeadLetter.class));
        assertEquals(2, done(results).reviewsDelivered());
    }

    private static String[] reviews(int from, int to) {
        String[] ids = new String[to - from + 1];
        for (int i = from; i <= to; i++) {
            ids[i - from] = "r" + i;
        }
        return ids;
    }

    private static Map<String, Long> deliveries(List<List<Event>> pages) {
        Map<String, Long> times = new HashMap<>();
        pages.forEach(page -> only(page, ReviewRaw.class).forEach(review -> times.merge(review.reviewId(), 1L, Long::sum)));
        return times;
    }

    /** Without a crash, a review that a shift puts on two pages is delivered by the first page only. */
    @Test
    void aReviewMetOnTwoPagesIsDeliveredOnce() {
        google.page(null, "t2", 101, reviews(1, 50)).page("t2", null, 101, reviews(50, 100));
        List<List<Event>> pages = walk();
        assertEquals(100, deliveries(pages).size());
        assertTrue(deliveries(pages).values().stream().allMatch(times -> times == 1));
        assertEquals(1, done(pages.get(1)).duplicatesSkipped());
    }

    /**
     * Page 1 claims r1..r50 and its pod dies before the reviews are published; a review written meanwhile shifts
     * the list by one, so when page 1 is delivered again r50 has moved to page 2, a task of its own. r50 is
     * still delivered, once.
     */
    @Test
    void aReviewClaimedByAPageThatDiedBeforePublishingIsNotLostWhenThePagesShift() {
        google.page(null, "t2", 100, reviews(1, 50)).page("t2", null, 100, reviews(51, 100));
        stage.fetchPage(firstPage()).await().atMost(Duration.ofSeconds(5)); // claimed, never published: kill -9

        google.pages.clear();
        google.page(null, "u2", 101, reviews(0, 49)).page("u2", null, 101, reviews(50, 100));
        List<List<Event>> pages = walk(); // page 1 redelivered, then the page 2 it spawns

        assertEquals(101, deliveries(pages).size(), "r0..r100, r50 included");
        assertTrue(deliveries(pages).values().stream().allMatch(times -> times == 1), "each once: " + deliveries(pages));
    }

    /** Works the walk from {@code page}, page after page, into {@code results}; returns the page it stopped at. */
    private FetchReviews walkFrom(FetchReviews page, List<List<Event>> results) {
        while (page != null && results.size() < 100) {
            List<Event> produced = work(page);
            results.add(produced);
            page = only(produced, FetchReviews.class).stream().findFirst().orElse(null);
        }
        return page;
    }

    /**
     * Google refuses a page token it no longer takes (expired after a long backlog, or replayed late) with 400
     * INVALID_ARGUMENT on page_token. The walk starts again at page 1 of the same location, a task of its own,
     * and the claims skip what the first walk delivered: the rest of the location is not dead-lettered.
     */
    @Test
    void aStalePageTokenRestartsTheLocationFromPage1() {
        google.page(null, "t2", 150, reviews(1, 50)).page("t2", "t3", 150, reviews(51, 100));
        List<List<Event>> pages = new ArrayList<>();
        FetchReviews third = only(work(only(work(firstPage()), FetchReviews.class).get(0)), FetchReviews.class).get(0);
        google.stale("t2").stale("t3");
        google.page(null, "u2", 150, reviews(1, 50)).page("u2", "u3", 150, reviews(51, 100)).page("u3", null, 150, reviews(101, 150));

        List<Event> refused = work(third);

        assertEquals(List.of(), only(refused, ReviewRaw.class));
        assertEquals(List.of(), only(refused, DeadLetter.class));
        FetchReviews restart = only(refused, FetchReviews.class).get(0);
        assertEquals(1, restart.pageNumber());
        assertEquals(null, restart.pageToken());
        assertTrue(EventCodec.encodeToString(restart).contains("\"walk_restarts\":1"), EventCodec.encodeToString(restart));
        assertEquals(List.of("reviews:2:1:r1"), done(refused).spawnedTaskIds(), "a task of its own, which the job waits for");
        assertEquals("reviews:2:3", done(refused).taskId());

        walkFrom(restart, pages);
        assertEquals(3, pages.size());
        assertEquals(List.of("reviews:2:2:r1"), done(pages.get(0)).spawnedTaskIds());
        assertEquals(50, done(pages.get(2)).reviewsDelivered());
        assertEquals(100, done(pages.get(0)).duplicatesSkipped() + done(pages.get(1)).duplicatesSkipped());
        assertEquals(1, metrics.find("stage.page.walks.restarted").tag("endpoint", "reviews.list").counter().count());
    }

    /** A token refused on every walk: restarted twice, then the page is a permanent failure (fetch-dlq) as before. */
    @Test
    void aWalkRestartsAtMostTwice() {
        google.page(null, "t2", 100, reviews(1, 50)).stale("t2");
        List<List<Event>> pages = new ArrayList<>();
        FetchReviews page = firstPage();
        for (int n = 0; n < 5; n++) {
            pages.add(work(page));
            page = only(pages.get(n), FetchReviews.class).get(0);
        }
        FetchReviews refused = page;
        assertEquals(List.of("reviews:2:1", "reviews:2:2", "reviews:2:1:r1", "reviews:2:2:r1", "reviews:2:1:r2"),
                pages.stream().map(p -> done(p).taskId()).toList());
        assertEquals("reviews:2:2:r2", TaskIds.of(refused));

        GoogleApiException failure = assertThrows(GoogleApiException.class, () -> stage.fetchPage(refused).await().atMost(Duration.ofSeconds(5)));
        assertFalse(failure.retryable(), "routed to fetch-dlq with its reason");
        assertEquals(400, failure.httpStatus());
        assertEquals(50, deliveries(pages).size());
    }

    /**
     * A page that claimed its reviews and died before publishing, then found its token stale when delivered
     * again, lets its claims go with the restart: the restarted walk delivers those reviews.
     */
    @Test
    void aStalePageLeavesWhatItClaimedToTheRestart() {
        google.page(null, "t2", 100, reviews(1, 50)).page("t2", null, 100, reviews(51, 100));
        FetchReviews second = only(work(firstPage()), FetchReviews.class).get(0);
        stage.fetchPage(second).await().atMost(Duration.ofSeconds(5)); // claimed r51..r100, never published: kill -9
        google.stale("t2").page(null, "u2", 100, reviews(1, 50)).page("u2", null, 100, reviews(51, 100));

        List<List<Event>> pages = new ArrayList<>();
        walkFrom(second, pages);

        assertEquals(50, deliveries(pages).size(), "r51..r100, by the restarted walk's page 2: " + deliveries(pages).keySet());
    }

    @Test
    void aLoopingTokenStopsTheWalkAfterDeliveringThePage() {
        google.page(null, "t2", 500, "r1").page("t2", "t3", 500, "r2").page("t3", "t3", 500, "r3");
        List<List<Event>> pages = walk();
        assertEquals(3, pages.size());
        List<Event> last = pages.get(2);
        assertEquals(List.of("r3"), only(last, ReviewRaw.class).stream().map(ReviewRaw::reviewId).toList(), "its reviews are delivered");
        DeadLetter letter = only(last, DeadLetter.class).get(0);
        assertEquals("page loop: nextPageToken repeated on reviews.list for accounts/1/locations/2 "
                + "(page 3 answered the token it was fetched with)", letter.reason());
        assertEquals(4, ((FetchReviews) letter.event()).pageNumber());
        assertTrue(only(last, JobEvent.class).stream().anyMatch(e -> e.taskId().equals("reviews:2:4")
                && e.outcome() == JobEvent.Outcome.DEAD_LETTERED));
        assertEquals(1, metrics.find("stage.page.walks.stopped").tag("endpoint", "reviews.list").tag("cause", "token_repeated")
                .counter().count());
    }

    @Test
    void shortPagesAreNotCutOff() {
        // 60 reviews in pages of 10 (Google answering fewer than the 50 asked): six pages, all fetched.
        for (int n = 1; n <= 6; n++) {
            String[] ten = new String[10];
            for (int i = 0; i < 10; i++) {
                ten[i] = "r" + n + "-" + i;
            }
            google.page(n == 1 ? null : "t" + n, n < 6 ? "t" + (n + 1) : null, 60, ten);
        }
        List<List<Event>> pages = walk();
        assertEquals(6, pages.size());
        assertEquals(60, pages.stream().mapToLong(p -> only(p, ReviewRaw.class).size()).sum());
        assertTrue(pages.stream().allMatch(p -> only(p, DeadLetter.class).isEmpty()));
    }

    @Test
    void aWalkPastWhatTotalReviewCountNeedsIsStopped() {
        // 60 reviews need 2 pages of 50; Google keeps answering full pages and new tokens: stopped after 2 + 2 pages.
        for (int n = 1; n <= 10; n++) {
            String[] fifty = new String[50];
            for (int i = 0; i < 50; i++) {
                fifty[i] = "r" + n + "-" + i;
            }
            google.page(n == 1 ? null : "t" + n, "t" + (n + 1), 60, fifty);
        }
        List<List<Event>> pages = walk();
        assertEquals(4, pages.size());
        DeadLetter letter = only(pages.get(3), DeadLetter.class).get(0);
        assertEquals("page loop: no last page on reviews.list for accounts/1/locations/2 within the bound of 4 pages", letter.reason());
        assertEquals(java.util.Arrays.asList(null, "t2", "t3", "t4"), google.asked, "no call past the bound");
    }

    private static Map<String, Long> deliveredIds(List<List<Event>> pages) {
        return deliveries(pages);
    }

    /** A review's change as the store saw it before this job. */
    private static Map<String, ReviewChange> changes(List<List<Event>> pages) {
        Map<String, ReviewChange> changes = new HashMap<>();
        pages.forEach(page -> only(page, ReviewRaw.class).forEach(review -> changes.put(review.reviewId(), review.change())));
        return changes;
    }

    private static FetchReviews firstPage(String job, FetchMode mode) {
        return new FetchReviews(job, Instant.now(), "client:42", "1", "2", "Cafe", null, null, 1, mode, 0);
    }

    /**
     * Google left r4 out of page 2 (its known issue): the walk got 4 of 5. A recovery walk by rating finds it on its
     * first page and ends there, verified; every review is delivered once.
     */
    @Test
    void aShortWalkIsRecoveredInAnotherOrderAndEndsOnceTheCountIsReached() {
        google.page(null, "t2", 5, "r1", "r2", "r3").page("t2", null, 5, "r5")
                .page("rating|", "x2", 5, "r4", "r2").page("rating|x2", null, 5, "r1", "r3", "r5");

        List<List<Event>> pages = walk(firstPage(), true);

        assertEquals(3, pages.size(), "two pages of the walk, one of the recovery walk");
        assertEquals(Arrays.asList(null, null, "rating"), google.orders);
        assertEquals(Set.of("r1", "r2", "r3", "r4", "r5"), deliveredIds(pages).keySet());
        assertTrue(deliveredIds(pages).values().stream().allMatch(times -> times == 1));
        assertEquals(List.of("reviews:2:2"), done(pages.get(0)).spawnedTaskIds());
        assertEquals(List.of("reviews:2:1:v1"), done(pages.get(1)).spawnedTaskIds(), "short: a recovery walk");
        assertEquals(List.of(), done(pages.get(2)).spawnedTaskIds(), "verified on its first page: no second page");
        assertEquals(null, done(pages.get(2)).incomplete());
        assertEquals(1, done(pages.get(2)).reviewsNew());
    }

    /** Still short after the last recovery walk: the location is reported incomplete, expected against delivered. */
    @Test
    void aLocationStillShortAfterTheLastRecoveryWalkIsReportedIncomplete() {
        google.page(null, null, 4, "r1", "r2", "r3").page("rating|", null, 4, "r3", "r2", "r1")
                .page("rating desc|", null, 4, "r1", "r2", "r3");

        List<List<Event>> pages = walk(firstPage(), true);

        assertEquals(1 + WalkVerification.MAX_RECOVERY_WALKS, pages.size());
        assertEquals(Arrays.asList(null, "rating", "rating desc", null), google.orders);
        assertEquals(List.of("reviews:2:1:v3"), done(pages.get(2)).spawnedTaskIds(), "the default order once more");
        assertEquals(new JobEvent.Incomplete("2", 4, 3), done(pages.get(3)).incomplete());
        assertEquals(List.of(), done(pages.get(3)).spawnedTaskIds());
        assertEquals(List.of(), only(pages.stream().flatMap(List::stream).toList(), ReviewDeleted.class),
                "a short walk never finds deletions");
    }

    /** The next full job: an edit is updated, the rest unchanged, and a review gone from a verified walk deleted. */
    @Test
    void aVerifiedWalkMarksEachReviewAndFindsTheDeletedOnes() {
        google.page(null, null, 3, "r1", "r2", "r3");
        walk(firstPage("job-0", FetchMode.FULL), true);
        google.pages.clear();
        google.page(null, null, 3, "r1", "r3", "r4");
        GoogleDtos.Review edited = google.pages.get("").reviews().get(1);
        List<GoogleDtos.Review> reviews = new ArrayList<>(google.pages.get("").reviews());
        reviews.set(1, new GoogleDtos.Review(edited.name(), edited.reviewId(), edited.reviewer(), "ONE", "changed my mind",
                edited.createTime(), "2025-06-01T00:00:00Z", null));
        google.pages.put("", new GoogleDtos.ReviewsPage(reviews, 3.0, 3, null));

        List<List<Event>> pages = walk(firstPage("job-1", FetchMode.FULL), true);

        assertEquals(Map.of("r1", ReviewChange.UNCHANGED, "r3", ReviewChange.UPDATED, "r4", ReviewChange.NEW), changes(pages));
        List<ReviewDeleted> deleted = only(pages.get(0), ReviewDeleted.class);
        assertEquals(List.of("r2"), deleted.stream().map(ReviewDeleted::reviewId).toList());
        assertEquals("job-1", deleted.get(0).jobId());
        JobEvent page = done(pages.get(0));
        assertEquals(List.of(1, 1, 1, 1), List.of(page.reviewsNew(), page.reviewsUpdated(), page.reviewsUnchanged(), page.reviewsDeleted()));
    }

    /** An incremental run's full walk (a location without a watermark yet) delivers what changed only. */
    @Test
    void anIncrementalRunDeliversOnlyWhatChanged() {
        google.page(null, null, 2, "r1", "r2");
        walk(firstPage("job-0", FetchMode.FULL), true);
        google.page(null, null, 3, "r1", "r2", "r3");

        List<List<Event>> pages = walk(firstPage("job-1", FetchMode.INCREMENTAL), true);

        assertEquals(Map.of("r3", ReviewChange.NEW), changes(pages));
        assertEquals(0, done(pages.get(0)).reviewsUnchanged());
    }

    /** An unverified location (Google keeps no reviews for it) answers no count: nothing is checked or deleted. */
    @Test
    void anUnverifiedLocationIsNotCheckedAgainstACount() {
        google.page(null, null, 1, "r1");
        walk(firstPage("job-0", FetchMode.FULL), true);
        store.walkEnds.clear();
        google.pages.clear();
        google.unverified = true;

        List<List<Event>> pages = walk(firstPage("job-1", FetchMode.FULL), true);

        assertEquals(List.of(), store.walkEnds);
        assertEquals(List.of(), only(pages.get(0), ReviewDeleted.class));
        assertEquals(java.util.Set.of("2"), store.unverified, "left to the full runs by incremental ones");
    }
}
