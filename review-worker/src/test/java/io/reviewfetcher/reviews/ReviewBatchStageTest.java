package io.reviewfetcher.reviews;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviewBatch.WatermarkedLocation;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.events.ReviewRaw;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.google.GoogleBatchReviewsApi;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.GoogleErrorMapper;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.google.permits.CallUrgency;
import io.reviewfetcher.stage.dedup.FinishedTasks;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incremental walk of a batch of locations over batchGetReviews, behind the watermarks. No Kafka, Redis, Postgres or Google. */
class ReviewBatchStageTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    /** {@code hours} after T0. */
    private static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    /** batchGetReviews as a map from page token ("" for the first) to its answer, or to Google's refusal. */
    static final class ScriptedBatches implements GoogleBatchReviewsApi {
        final Map<String, GoogleDtos.BatchReviewsPage> pages = new HashMap<>();
        final Map<String, Response> refusals = new HashMap<>();
        final List<GoogleDtos.BatchGetReviewsRequest> asked = new ArrayList<>();
        final List<GoogleDtos.LocationReview> building = new ArrayList<>();

        /** A review of location {@code locationId} of account 1, updated {@code hours} after T0. */
        ScriptedBatches review(String locationId, String reviewId, int hours) {
            return entry(BatchPage.v4Name("1", locationId), review(locationId, reviewId, at(hours).toString()));
        }

        ScriptedBatches entry(String locationName, GoogleDtos.Review review) {
            building.add(new GoogleDtos.LocationReview(locationName, review));
            return this;
        }

        /** The entries added since the last page, as the page fetched with {@code token}. */
        ScriptedBatches page(String token, String nextToken) {
            pages.put(token == null ? "" : token, new GoogleDtos.BatchReviewsPage(List.copyOf(building), nextToken));
            building.clear();
            return this;
        }

        ScriptedBatches refuse(String token, int status, String body) {
            refusals.put(token == null ? "" : token, Response.status(status).entity(body).build());
            return this;
        }

        static GoogleDtos.Review review(String locationId, String reviewId, String updateTime) {
            return new GoogleDtos.Review("accounts/1/locations/" + locationId + "/reviews/" + reviewId, reviewId,
                    new GoogleDtos.Reviewer(null, "R", false), "FOUR", "fine", "2025-01-01T00:00:00Z", updateTime, null);
        }

        @Override
        public Uni<GoogleDtos.BatchReviewsPage> batchGet(String bearer, String accountId, GoogleDtos.BatchGetReviewsRequest request) {
            asked.add(request);
            if (!request.locationNames().equals(asked.get(0).locationNames())) {
                return Uni.createFrom().item(narrowed(request));
            }
            String token = request.pageToken() == null ? "" : request.pageToken();
            if (refusals.containsKey(token)) {
                return Uni.createFrom().failure(new GoogleErrorMapper().toThrowable(refusals.get(token)));
            }
            return Uni.createFrom().item(pages.get(token));
        }

        /** Reviews a narrowed request gets a page: fewer than a scripted page holds, to show what narrowing costs. */
        static final int NARROWED_PAGE = 3;

        /**
         * A request for fewer locations than the first (a narrowed batch): every scripted review of those locations,
         * newest first as Google answers, {@value #NARROWED_PAGE} a page; its tokens are {@code n<offset>}.
         */
        private GoogleDtos.BatchReviewsPage narrowed(GoogleDtos.BatchGetReviewsRequest request) {
            List<GoogleDtos.LocationReview> all = new ArrayList<>();
            pages.values().forEach(page -> page.locationReviewsOrEmpty().stream()
                    .filter(entry -> request.locationNames().contains(entry.name())).forEach(all::add));
            all.sort(java.util.Comparator.comparing((GoogleDtos.LocationReview entry) -> entry.review().updateTime()).reversed());
            int from = request.pageToken() == null ? 0 : Integer.parseInt(request.pageToken().substring(1));
            int to = Math.min(all.size(), from + NARROWED_PAGE);
            return new GoogleDtos.BatchReviewsPage(List.copyOf(all.subList(from, to)), to < all.size() ? "n" + to : null);
        }

        List<String> tokensAsked() {
            return asked.stream().map(GoogleDtos.BatchGetReviewsRequest::pageToken).toList();
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ScriptedBatches google = new ScriptedBatches();
    private final ReviewStagePagingTest.OpenGate gate = new ReviewStagePagingTest.OpenGate();
    private final ReviewStagePagingTest.InMemoryClaims claims = new ReviewStagePagingTest.InMemoryClaims();
    private final FinishedTasks finished = claims.confirmedWhenFinished(new ReviewStagePagingTest.Finished());
    private final InMemoryReviewStore store = new InMemoryReviewStore();
    private final ReviewBatchStage stage = new ReviewBatchStage(null, google, gate, claims, store, new PageWalk(metrics, 1000), metrics);

    /** Page 1 of a batch of account 1; each location given as id and watermark (hours after T0). */
    private static FetchReviewBatch batch(Object... idsAndWatermarks) {
        List<WatermarkedLocation> locations = new ArrayList<>();
        for (int i = 0; i < idsAndWatermarks.length; i += 2) {
            String id = (String) idsAndWatermarks[i];
            locations.add(new WatermarkedLocation(id, "Place " + id, "https://maps/" + id, at((Integer) idsAndWatermarks[i + 1])));
        }
        return new FetchReviewBatch("job-1", Instant.now(), "client:42", "1", locations);
    }

    /** One page as the runner works it: fetched, published (here: returned), marked finished. */
    private List<Event> work(FetchReviewBatch task) {
        List<Event> produced = stage.fetchPage(task).await().atMost(Duration.ofSeconds(5));
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        finished.add(task).await().atMost(Duration.ofSeconds(5));
        return produced;
    }

    /** Works the walk page after page; returns every page's results. */
    private List<List<Event>> walk(FetchReviewBatch first) {
        List<List<Event>> results = new ArrayList<>();
        FetchReviewBatch page = first;
        while (page != null && results.size() < 50) {
            List<Event> produced = work(page);
            results.add(produced);
            page = only(produced, FetchReviewBatch.class).stream().findFirst().orElse(null);
        }
        return results;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static JobEvent done(List<Event> events) {
        List<JobEvent> done = only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).toList();
        assertEquals(1, done.size(), events.toString());
        return done.get(0);
    }

    private static List<String> delivered(List<Event> events) {
        return only(events, ReviewRaw.class).stream().map(ReviewRaw::reviewId).toList();
    }

    @Test
    void onlyReviewsNewerThanTheirLocationsWatermarkAreDelivered() {
        // Newest first across the batch; L1's watermark is at 10h, L2's at 12h.
        google.review("L1", "r1", 13).review("L2", "r2", 12).review("L2", "r3", 11).review("L1", "r4", 11)
                .review("L1", "r5", 9).page(null, null);

        List<Event> results = work(batch("L1", 10, "L2", 12));

        assertEquals(List.of("r1", "r4"), delivered(results), "r2 is at L2's watermark, r3 behind it, r5 behind L1's");
        ReviewRaw r1 = only(results, ReviewRaw.class).get(0);
        assertEquals(ReviewChange.NEW, r1.change());
        assertEquals("L1", r1.locationId());
        assertEquals("Place L1", r1.locationName());
        assertEquals("https://maps/L1", r1.attribution().mapsUri());
        assertEquals(List.of("L1:r1,r4"), store.recorded, "recorded per location, what is delivered only");
        JobEvent page = done(results);
        assertEquals("reviews-batch:1:L1:1", page.taskId());
        assertEquals(2, page.reviewsDelivered());
        assertEquals(2, page.reviewsNew());
        assertEquals(0, page.reviewsUpdated());
        assertEquals(0, page.reviewsUnchanged());
        assertEquals(2, page.locationsDone(), "the walk's last page reports its locations");
        assertEquals(List.of(), page.spawnedTaskIds());
    }

    @Test
    void theRequestAsksForTheBatchsLocationsNewestFirstFiftyAPage() {
        google.page(null, null);
        work(batch("L1", 10, "L2", 12));
        GoogleDtos.BatchGetReviewsRequest request = google.asked.get(0);
        assertEquals(List.of("accounts/1/locations/L1", "accounts/1/locations/L2"), request.locationNames());
        assertEquals(50, request.pageSize());
        assertEquals("updateTime desc", request.orderBy());
        assertFalse(request.ignoreRatingOnlyReviews());
        assertEquals(null, request.pageToken());
        assertEquals(List.of(CallUrgency.DISCOVERY), gate.urgencies, "no count for a batch: as unknown as a first page");
    }

    /** The batch's first page keeps its locations' titles and Maps links, for a review fetched alone (a notification). */
    @Test
    void aBatchsFirstPageDescribesItsLocationsOnce() {
        google.review("L1", "r1", 14).review("L2", "r2", 13).page(null, "t2").review("L1", "r3", 11).page("t2", null);

        List<List<Event>> pages = walk(batch("L1", 10, "L2", 12));

        assertTrue(pages.size() > 1, "a walk of more than one page");
        assertEquals(List.of("L1,L2"), store.described);
        assertEquals(new ReviewStore.Listing("L2", "Place L2", "https://maps/L2"), store.listings.get("L2"));
    }

    /** An unchanged batch costs one call, however many pages Google could still give. */
    @Test
    void anUnchangedBatchCostsOneCall() {
        google.review("L2", "r1", 12).review("L1", "r2", 8).page(null, "t2").review("L1", "r3", 7).page("t2", null);

        List<List<Event>> pages = walk(batch("L1", 10, "L2", 12));

        assertEquals(1, pages.size());
        assertEquals(java.util.Arrays.asList((String) null), google.tokensAsked());
        assertEquals(List.of(), delivered(pages.get(0)));
        assertEquals(2, done(pages.get(0)).locationsDone());
        assertEquals(List.of(), store.advanced, "nothing newer met: no watermark moves");
    }

    /**
     * Page 1 ends at 11h: L2 (watermark 12h) is behind and leaves the batch; L1 (10h) and L3 (8h) walk on in a batch of
     * their own, which holds only their reviews: it ends at 9h, so L1 leaves; L3, alone, meets nothing newer than 8h.
     */
    @Test
    void eachLocationLeavesTheBatchOnceBehindItsWatermark() {
        google.review("L2", "r1", 14).review("L1", "r2", 13).review("L2", "r3", 11).page(null, "t2")
                .review("L1", "r4", 10).review("L3", "r5", 9).review("L2", "r6", 7).page("t2", "t3")
                .review("L1", "r7", 6).page("t3", null);

        List<List<Event>> pages = walk(batch("L1", 10, "L2", 12, "L3", 8));

        assertEquals(List.of(List.of("L1", "L2", "L3"), List.of("L1", "L3"), List.of("L3")), google.asked.stream()
                .map(request -> request.locationNames().stream().map(name -> name.substring(name.lastIndexOf('/') + 1)).toList())
                .toList());
        assertEquals(java.util.Arrays.asList(null, null, null), google.tokensAsked(), "a narrowed batch starts at its first page");
        assertEquals(List.of("r1", "r2"), delivered(pages.get(0)));
        assertEquals(List.of("r5"), delivered(pages.get(1)), "r4 is at L1's watermark; r5 is newer than L3's");
        assertEquals(List.of(), delivered(pages.get(2)), "r5 is delivered once");
        assertEquals(List.of("reviews-batch:1:L1:2"), done(pages.get(0)).spawnedTaskIds());
        assertEquals(List.of("reviews-batch:1:L3:3"), done(pages.get(1)).spawnedTaskIds());
        assertEquals(List.of(1, 1, 1), pages.stream().map(page -> done(page).locationsDone()).toList());
        assertEquals(List.of("L2=" + at(14), "L1=" + at(13), "L3=" + at(9)), store.advanced, "each as it leaves the batch");
    }

    /**
     * One busy location and four quiet ones, nothing new anywhere: the walk does not page down through the busy one's
     * reviews to the quiet ones' watermarks; each page sends the locations it finished away. Three calls, not fifteen.
     */
    @Test
    void anUnchangedBusinessCostsAFewCallsHoweverBusyOneLocationIs() {
        for (int hour = 100; hour >= 60; hour--) {
            google.review("L1", "busy" + hour, hour);
        }
        google.review("L2", "q2", 50).review("L3", "q3", 40).review("L4", "q4", 30).review("L5", "q5", 20);
        List<GoogleDtos.LocationReview> all = new ArrayList<>(google.building);
        google.building.clear();
        for (int from = 0; from < all.size(); from += 3) {
            google.building.addAll(all.subList(from, Math.min(all.size(), from + 3)));
            google.page(from == 0 ? null : "p" + from, from + 3 < all.size() ? "p" + (from + 3) : null);
        }

        List<List<Event>> pages = walk(batch("L1", 100, "L2", 50, "L3", 40, "L4", 30, "L5", 20));

        assertEquals(3, google.asked.size(), "calls");
        assertEquals(List.of(), pages.stream().flatMap(page -> delivered(page).stream()).toList());
        assertEquals(5, pages.stream().mapToInt(page -> done(page).locationsDone()).sum());
    }

    @Test
    void watermarksAdvanceOnlyWhenTheWalkEnds() {
        google.review("L1", "r1", 15).review("L2", "r2", 14).review("L1", "r3", 13).page(null, "t2")
                .review("L1", "r4", 12).review("L1", "r5", 11).page("t2", null);
        FetchReviewBatch first = batch("L1", 10, "L2", 12, "L3", 11);

        List<Event> page1 = work(first);
        assertEquals(List.of(), store.advanced, "page 1 is not the end: a walk that dies here leaves the watermarks");
        FetchReviewBatch second = only(page1, FetchReviewBatch.class).get(0);
        assertEquals(at(15), second.locations().get(0).newestSeen(), "the newest met travels with the walk");
        assertEquals(at(14), second.locations().get(1).newestSeen());
        assertEquals(null, second.locations().get(2).newestSeen());

        work(second);
        assertEquals(List.of("L1=" + at(15), "L2=" + at(14)), store.advanced,
                "to the newest met on any page; L3 met nothing and keeps its watermark");
    }

    @Test
    void aWalkStoppedByTheLoopGuardKeepsTheWatermarks() {
        google.review("L1", "r1", 15).page(null, "t2").review("L1", "r2", 14).page("t2", "t2");

        List<List<Event>> pages = walk(batch("L1", 10));

        assertEquals(2, pages.size());
        DeadLetter letter = only(pages.get(1), DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("page loop: nextPageToken repeated on reviews.batchGet for accounts/1"), letter.reason());
        assertEquals("reviews-batch:1:L1:3", TaskIds.of(letter.event()));
        assertEquals(List.of("r2"), delivered(pages.get(1)), "the page that saw the loop delivers its reviews");
        assertEquals(0, done(pages.get(1)).locationsDone());
        assertEquals(List.of(), store.advanced);
        assertEquals(1, metrics.find("stage.page.walks.stopped").tag("endpoint", "reviews.batchGet").counter().count());
    }

    @Test
    void anEntryNamingNoLocationOfTheBatchIsSkippedAndCountedAndTheRestDelivered() {
        google.review("L1", "r1", 15)
                .entry("accounts/1/locations/L9", ScriptedBatches.review("L9", "x1", at(14).toString()))
                .entry("accounts/2/locations/L1", ScriptedBatches.review("L1", "x2", at(14).toString()))
                .entry(null, ScriptedBatches.review("L1", "x3", at(14).toString()))
                .entry("accounts/1/locations/L2", null)
                .review("L2", "r2", 13).page(null, null);

        List<Event> results = work(batch("L1", 10, "L2", 10));

        assertEquals(List.of("r1", "r2"), delivered(results));
        assertEquals(List.of(), only(results, DeadLetter.class), "never failing the page");
        assertEquals(4, metrics.find("stage.list.items.skipped").tag("endpoint", "reviews.batchGet").tag("cause", "not_in_batch")
                .counter().count());
        assertEquals(2, done(results).reviewsDelivered());
    }

    /** An incremental run leaves out what the store holds as it is; what was edited since comes as updated. */
    @Test
    void unchangedReviewsAreNotDeliveredAndEditedOnesAreUpdated() {
        // r1 was delivered as it is by an earlier run whose walk did not end (so the watermark stayed); r2 is an edit.
        store.holding("L1", "r1", at(14)).holding("L1", "r2", at(11));
        google.review("L1", "r1", 14).review("L1", "r2", 13).review("L1", "r3", 12).page(null, null);

        List<Event> results = work(batch("L1", 10));

        assertEquals(List.of("r2", "r3"), delivered(results));
        assertEquals(List.of(ReviewChange.UPDATED, ReviewChange.NEW), only(results, ReviewRaw.class).stream().map(ReviewRaw::change).toList());
        JobEvent page = done(results);
        assertEquals(2, page.reviewsDelivered());
        assertEquals(1, page.reviewsNew());
        assertEquals(1, page.reviewsUpdated());
        assertEquals(0, page.reviewsUnchanged());
        assertEquals(List.of("L1=" + at(14)), store.advanced);
    }

    @Test
    void aReviewAnotherTaskOfTheJobDeliveredIsSkipped() {
        claims.claim("job-1", "reviews:L1:1", List.of("r1")).await().indefinitely();
        google.review("L1", "r1", 15).review("L1", "r2", 14).page(null, null);

        List<Event> results = work(batch("L1", 10));

        assertEquals(List.of("r2"), delivered(results));
        assertEquals(1, done(results).duplicatesSkipped());
        assertEquals(List.of("L1:r2"), store.recorded, "its owner records it");
    }

    @Test
    void anInvalidReviewNewerThanItsWatermarkIsDeadLetteredAloneAndAnOlderOneIsLeft() {
        google.review("L1", "r1", 15)
                .entry(BatchPage.v4Name("1", "L1"), ScriptedBatches.review("L1", "bad-new", "not a time"))
                .entry(BatchPage.v4Name("1", "L1"), new GoogleDtos.Review("n", "bad-old", new GoogleDtos.Reviewer(null, "R", false),
                        "SIX", null, "2025-01-01T00:00:00Z", at(5).toString(), null))
                .review("L1", "r2", 12).page(null, null);

        List<Event> results = work(batch("L1", 10));

        assertEquals(List.of("r1", "r2"), delivered(results));
        DeadLetter letter = only(results, DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("invalid review bad-new: "), letter.reason());
        assertEquals(1, only(results, DeadLetter.class).size(), "bad-old is behind the watermark: an earlier run met it");
        assertTrue(only(results, JobEvent.class).stream().anyMatch(e -> e.taskId().equals("review:bad-new")
                && e.outcome() == JobEvent.Outcome.DEAD_LETTERED));
        assertEquals(List.of("L1=" + at(15)), store.advanced, "an invalid review's time is never a watermark");
    }

    /** An unverified location fails the whole call: each location then gets its own walk, where it is dealt with alone. */
    @Test
    void aBatchRefusedForOneLocationIsSplitIntoOrdinaryWalks() {
        google.refuse(null, 400, """
                {"error": {"code": 400, "message": "Precondition check failed.", "status": "FAILED_PRECONDITION"}}""");

        List<Event> results = work(batch("L1", 10, "L2", 12));

        List<FetchReviews> walks = only(results, FetchReviews.class);
        assertEquals(List.of("L1", "L2"), walks.stream().map(FetchReviews::locationId).toList());
        assertTrue(walks.stream().allMatch(w -> w.pageNumber() == 1 && w.mode() == FetchMode.INCREMENTAL && w.pageToken() == null));
        assertEquals("Place L2", walks.get(1).locationName());
        assertEquals(List.of("reviews:L1:1", "reviews:L2:1"), done(results).spawnedTaskIds());
        assertEquals(0, done(results).locationsDone(), "each walk reports its location");
        assertEquals(List.of(), store.advanced);
    }

    @Test
    void aRefusedPageTokenSplitsTheRestOfTheWalkToo() {
        google.review("L1", "r1", 15).page(null, "t2").refuse("t2", 400, """
                {"error": {"code": 400, "message": "Request contains an invalid argument.", "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": "page_token", "description": "Invalid page token."}]}]}}""");

        List<List<Event>> pages = walk(batch("L1", 10, "L2", 12));

        assertEquals(List.of("reviews:L1:1", "reviews:L2:1"), done(pages.get(1)).spawnedTaskIds());
        assertEquals(List.of(), store.advanced);
    }

    @Test
    void aPassingFailureIsRetriedNotSplit() {
        google.refuse(null, 503, """
                {"error": {"code": 503, "message": "The service is currently unavailable.", "status": "UNAVAILABLE"}}""");
        GoogleApiException failure = assertThrows(GoogleApiException.class,
                () -> stage.fetchPage(batch("L1", 10)).await().atMost(Duration.ofSeconds(5)));
        assertTrue(failure.retryable(), "routed to fetch-retry by the runner");
    }

    @Test
    void aRedeliveredLastPageDeliversTheSameAgain() {
        google.review("L1", "r1", 15).page(null, null);
        FetchReviewBatch first = batch("L1", 10);
        List<Event> died = stage.fetchPage(first).await().atMost(Duration.ofSeconds(5)); // recorded, never published: kill -9

        List<Event> again = work(first.withAttempt(1));

        assertEquals(delivered(died), delivered(again));
        assertEquals(ReviewChange.NEW, only(again, ReviewRaw.class).get(0).change(), "the store answers what it answered");
    }
}
