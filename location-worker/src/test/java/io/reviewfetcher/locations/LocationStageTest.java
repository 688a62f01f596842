package io.reviewfetcher.locations;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviewBatch;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.NamelessItems;
import io.reviewfetcher.google.PageWalk;
import io.reviewfetcher.stage.dedup.JobClaims;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.smallrye.mutiny.Uni;
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
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One page of an account's locations per record, with the once-per-job claim across pages and accounts. No Kafka, Redis or Google. */
class LocationStageTest {

    /** locations.list as a map from (account, page token) to its answer; records the calls. */
    static final class ScriptedLocations extends LocationLister {
        final Map<String, GoogleDtos.LocationsPage> pages = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        ScriptedLocations() {
            super(null, null);
        }

        ScriptedLocations withPage(String accountId, String token, String nextToken, String... locationIds) {
            List<GoogleDtos.Location> locations = new ArrayList<>();
            for (String id : locationIds) {
                locations.add(new GoogleDtos.Location("locations/" + id, "Title " + id, new GoogleDtos.LocationMetadata("https://maps/" + id, null)));
            }
            pages.put(accountId + "|" + (token == null ? "" : token), new GoogleDtos.LocationsPage(locations, nextToken, null));
            return this;
        }

        @Override
        public Uni<GoogleDtos.LocationsPage> page(String credential, String jobId, String accountId, String pageToken) {
            String key = accountId + "|" + (pageToken == null ? "" : pageToken);
            asked.add(key);
            return Uni.createFrom().item(pages.get(key));
        }
    }

    /** JobClaims' rule (first owner wins, the owner may claim again) in memory; provisional claims never lapse here. */
    static final class InMemoryClaims extends JobClaims {
        final Map<String, String> owners = new HashMap<>();

        InMemoryClaims() {
            super(null, JobClaims.Kind.LOCATIONS);
        }

        @Override
        public Uni<Set<String>> claim(String jobId, String owner, List<String> ids) {
            Set<String> owned = new HashSet<>();
            for (String id : ids) {
                if (owners.putIfAbsent(jobId + "|" + id, owner) == null || owners.get(jobId + "|" + id).equals(owner)) {
                    owned.add(id);
                }
            }
            return Uni.createFrom().item(owned);
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ScriptedLocations google = new ScriptedLocations();
    private final InMemoryClaims claims = new InMemoryClaims();
    private final InMemoryReviewStore store = new InMemoryReviewStore();
    private final LocationStage stage = new LocationStage(null, google, claims, new PageWalk(metrics, 1000), new NamelessItems(metrics),
            store);

    private static FetchLocations firstPage(String accountId) {
        return new FetchLocations("job-1", Instant.now(), "client:42", accountId, "Account " + accountId, null, FetchMode.FULL, 0);
    }

    private List<Event> work(FetchLocations task) {
        List<Event> produced = stage.fanOut(task).await().atMost(Duration.ofSeconds(5));
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        return produced;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<String> reviewTasks(List<Event> events) {
        return only(events, FetchReviews.class).stream().map(FetchReviews::locationId).toList();
    }

    private static JobEvent done(List<Event> events) {
        List<JobEvent> done = only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).toList();
        assertEquals(1, done.size(), events.toString());
        return done.get(0);
    }

    @Test
    void eachPageFansOutItsLocationsAndHandsOnTheNextPage() {
        google.withPage("A", null, "t2", "L1", "L2").withPage("A", "t2", "t3", "L3").withPage("A", "t3", null, "L4", "L5");

        List<Event> first = work(firstPage("A"));
        assertEquals(List.of("L1", "L2"), reviewTasks(first));
        FetchLocations second = only(first, FetchLocations.class).get(0);
        assertEquals(2, second.pageNumber());
        assertEquals("t2", second.pageToken());
        assertEquals("locations:A", done(first).taskId());
        assertEquals(List.of("reviews:L1:1", "reviews:L2:1", "locations:A:p2"), done(first).spawnedTaskIds());
        assertEquals(2, done(first).locations());
        assertEquals(List.of(), done(first).listedLocationIds(), "a job not narrowed to locations asked for none");

        List<Event> secondResults = work(second);
        assertEquals("locations:A:p2", done(secondResults).taskId());
        assertEquals(List.of("reviews:L3:1", "locations:A:p3"), done(secondResults).spawnedTaskIds());

        List<Event> last = work(only(secondResults, FetchLocations.class).get(0));
        assertEquals(List.of("L4", "L5"), reviewTasks(last));
        assertEquals(List.of(), only(last, FetchLocations.class));
        assertEquals(List.of("reviews:L4:1", "reviews:L5:1"), done(last).spawnedTaskIds());
        assertEquals(List.of("A|", "A|t2", "A|t3"), google.asked, "each page fetched once");
    }

    /** A location Google lists without a name has no id to fetch reviews for: it alone is skipped, the page goes on. */
    @Test
    void aLocationWithoutANameIsSkippedAndTheRestOfItsPageFansOut() {
        google.pages.put("A|", new GoogleDtos.LocationsPage(List.of(
                new GoogleDtos.Location("locations/L1", "Title L1", null),
                new GoogleDtos.Location(null, "No name", null),
                new GoogleDtos.Location(" ", "Blank name", null),
                new GoogleDtos.Location("locations/", "Nothing named", null),
                new GoogleDtos.Location("locations/L2", null, null)), "t2", null));

        List<Event> results = work(firstPage("A"));

        assertEquals(List.of("L1", "L2"), reviewTasks(results));
        assertEquals(List.of("reviews:L1:1", "reviews:L2:1", "locations:A:p2"), done(results).spawnedTaskIds());
        assertEquals(2, done(results).locations());
        assertEquals(List.of(), only(results, DeadLetter.class), "nothing to retry: the same page would give the same locations");
        assertEquals(3, metrics.find("stage.list.items.skipped").tag("endpoint", "locations.list").tag("cause", "no_name")
                .counter().count());
    }

    @Test
    void aRetriedPageFetchesThatPageAloneAndKeepsItsClaims() {
        google.withPage("A", null, "t2", "L1").withPage("A", "t2", null, "L2", "L3");
        FetchLocations second = only(work(firstPage("A")), FetchLocations.class).get(0);
        List<Event> firstTry = work(second);
        google.asked.clear();

        // A redelivery or a retry after the claim: the page owns its locations and publishes them again.
        List<Event> again = work(second.withAttempt(2));
        assertEquals(List.of("A|t2"), google.asked, "not the listing from page 1");
        assertEquals(reviewTasks(firstTry), reviewTasks(again));
        assertEquals(2, done(again).attempt());
    }

    @Test
    void aLocationIsFetchedOnceAcrossPagesAndAccounts() {
        // L2 moves to page 2 while the walk runs (a changing list) and L1 is reached through account B too.
        google.withPage("A", null, "t2", "L1", "L2").withPage("A", "t2", null, "L2", "L3").withPage("B", null, null, "L1", "L4");
        FetchLocations second = only(work(firstPage("A")), FetchLocations.class).get(0);
        List<Event> secondResults = work(second);
        assertEquals(List.of("L3"), reviewTasks(secondResults));
        assertEquals(1, done(secondResults).locations());
        assertEquals(List.of("L4"), reviewTasks(work(firstPage("B"))));
    }

    @Test
    void theJobsLocationFilterAppliesOnEveryPage() {
        google.withPage("A", null, "t2", "L1", "L2").withPage("A", "t2", null, "L3", "L4");
        FetchLocations first = new FetchLocations("job-1", Instant.now(), "client:42", "A", "Account A", List.of("L2", "L4"),
                FetchMode.FULL, 0);
        List<Event> results = work(first);
        assertEquals(List.of("L2"), reviewTasks(results));
        FetchLocations second = only(results, FetchLocations.class).get(0);
        assertEquals(List.of("L2", "L4"), second.locationIds());
        assertEquals(List.of("L4"), reviewTasks(work(second)));
    }

    private static FetchLocations narrowed(String accountId, FetchMode mode, String... locationIds) {
        return new FetchLocations("job-1", Instant.now(), "client:42", accountId, "Account " + accountId, List.of(locationIds),
                mode, 0);
    }

    /** The requested locations a page listed, whichever page owns them: the job status tells those none listed. */
    @Test
    void aPageOfANarrowedJobReportsTheRequestedLocationsItListed() {
        // L3 is reached through account B too, whose page claims it first; L9 is listed by no page at all.
        google.withPage("B", null, null, "L3").withPage("A", null, null, "L1", "L2", "L3", "L4");
        assertEquals(List.of("L3"), done(work(narrowed("B", FetchMode.FULL, "L2", "L3", "L9"))).listedLocationIds());

        List<Event> results = work(narrowed("A", FetchMode.FULL, "L2", "L3", "L9"));

        assertEquals(List.of("L2"), reviewTasks(results), "L3 is B's");
        assertEquals(List.of("L2", "L3"), done(results).listedLocationIds(), "listed here all the same");
        assertEquals(1, done(results).locations());
    }

    @Test
    void aPageListingNoneOfTheRequestedLocationsReportsAnEmptyList() {
        google.withPage("A", null, "t2", "L1", "L2");

        List<Event> results = work(narrowed("A", FetchMode.INCREMENTAL, "L9"));

        assertEquals(List.of(), reviewTasks(results));
        assertEquals(List.of("locations:A:p2"), done(results).spawnedTaskIds());
        assertEquals(List.of(), done(results).listedLocationIds());
    }

    /** An incremental run's page asks the review store first: what it listed is reported all the same. */
    @Test
    void anIncrementalPageReportsTheRequestedLocationsItListedBesideItsBatches() {
        store.watermarks.put("L1", Instant.parse("2026-11-01T08:00:00Z"));
        store.unverified.add("L2");
        google.withPage("A", null, null, "L1", "L2", "L3");

        List<Event> results = work(narrowed("A", FetchMode.INCREMENTAL, "L1", "L2", "L7"));

        assertEquals(List.of(List.of("L1")), batches(results));
        assertEquals(1, done(results).locationsDone(), "L2 is left to the full runs");
        assertEquals(List.of("L1", "L2"), done(results).listedLocationIds());
    }

    @Test
    void aJobEventIsBoundedByOnePage() {
        String[] hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> "L" + i).toArray(String[]::new);
        google.withPage("A", null, "t2", hundred);
        JobEvent progress = done(work(firstPage("A")));
        assertEquals(101, progress.spawnedTaskIds().size(), "100 locations and the next page");
        assertTrue(EventCodec.encode(progress).length < 4_000, "far below Kafka's 1 MB record limit");

        google.withPage("B", null, null, hundred);
        JobEvent narrowedProgress = done(work(narrowed("B", FetchMode.FULL, hundred)));
        assertEquals(100, narrowedProgress.listedLocationIds().size(), "every requested location of the page, owned by A");
        assertTrue(EventCodec.encode(narrowedProgress).length < 4_000);
    }

    @Test
    void aWalkThatComesBackToAnEarlierTokenStopsAndIsReported() {
        // t2 → t3 → t4 → t3: a cycle of two pages.
        google.withPage("A", null, "t2", "L1").withPage("A", "t2", "t3", "L2").withPage("A", "t3", "t4", "L3").withPage("A", "t4", "t3", "L4");
        FetchLocations page = firstPage("A");
        List<Event> results = List.of();
        List<String> fetchedTasks = new ArrayList<>();
        while (page != null) {
            results = work(page);
            fetchedTasks.add(done(results).taskId());
            page = only(results, FetchLocations.class).stream().findFirst().orElse(null);
        }
        // Page 5 is fetched with t3 again (the mark, t4's fingerprint, cannot know t3): one page of quota, then the stop.
        assertEquals(List.of("A|", "A|t2", "A|t3", "A|t4", "A|t3"), google.asked);
        assertEquals(5, fetchedTasks.size());
        DeadLetter letter = only(results, DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("page loop: nextPageToken repeated on locations.list for accounts/A"), letter.reason());
        assertEquals("fetch-locations", letter.sourceTopic());
        JobEvent stopped = only(results, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DEAD_LETTERED)
                .findFirst().orElseThrow();
        assertEquals(letter.reason(), stopped.reason());
        assertEquals(List.of(), stopped.spawnedTaskIds());
        // The page that saw the loop delivered its own locations and is done.
        assertTrue(done(results).spawnedTaskIds().stream().allMatch(id -> id.startsWith("reviews:")), done(results).toString());
        assertEquals(1, metrics.find("stage.page.walks.stopped").tag("endpoint", "locations.list").counter().count());
        assertEquals(Arrays.asList("L1", "L2", "L3", "L4"), claims.owners.keySet().stream().map(k -> k.substring(k.indexOf('|') + 1)).sorted().toList());
    }

    private static FetchLocations incremental(String accountId) {
        return new FetchLocations("job-1", Instant.now(), "client:42", accountId, "Account " + accountId, null,
                FetchMode.INCREMENTAL, 0);
    }

    private static List<List<String>> batches(List<Event> events) {
        return only(events, FetchReviewBatch.class).stream()
                .map(batch -> batch.locations().stream().map(FetchReviewBatch.WatermarkedLocation::locationId).toList()).toList();
    }

    /** A full run walks every location on its own and never asks the review store. */
    @Test
    void aFullRunWalksEveryLocationAndAsksNoWatermark() {
        store.watermarks.put("L1", Instant.parse("2026-11-01T00:00:00Z"));
        google.withPage("A", null, null, "L1", "L2");
        List<Event> results = work(firstPage("A"));
        assertEquals(List.of("L1", "L2"), reviewTasks(results));
        assertEquals(List.of(), batches(results));
        assertEquals(List.of(), store.watermarkQueries);
    }

    /** Incremental: the locations with a watermark go in a batch, the others get their full walk; one query a page. */
    @Test
    void anIncrementalRunBatchesTheLocationsWithAWatermarkAndWalksTheOthers() {
        Instant watermark = Instant.parse("2026-11-01T08:00:00Z");
        store.watermarks.put("L1", watermark);
        store.watermarks.put("L3", watermark.plusSeconds(60));
        google.withPage("A", null, "t2", "L1", "L2", "L3", "L4");

        List<Event> results = work(incremental("A"));

        assertEquals(List.of(List.of("L1", "L2", "L3", "L4")), store.watermarkQueries, "one query for the page's locations");
        assertEquals(List.of("L2", "L4"), reviewTasks(results), "never walked complete: a full walk");
        assertTrue(only(results, FetchReviews.class).stream().allMatch(task -> task.mode() == FetchMode.INCREMENTAL));
        assertEquals(List.of(List.of("L1", "L3")), batches(results));
        FetchReviewBatch batch = only(results, FetchReviewBatch.class).get(0);
        assertEquals(watermark, batch.locations().get(0).watermark());
        assertEquals("Title L1", batch.locations().get(0).locationName());
        assertEquals("https://maps/L1", batch.locations().get(0).mapsUri());
        assertEquals(1, batch.pageNumber());
        assertEquals(List.of("reviews:L2:1", "reviews:L4:1", "reviews-batch:A:L1:1", "locations:A:p2"), done(results).spawnedTaskIds());
        assertEquals(4, done(results).locations(), "locations, not tasks");
    }

    /** A location a full walk found unverified costs an incremental run nothing, and counts as done at once. */
    @Test
    void anIncrementalRunLeavesUnverifiedLocationsToTheFullRuns() {
        store.watermarks.put("L1", Instant.parse("2026-11-01T08:00:00Z"));
        store.unverified.add("L2");
        google.withPage("A", null, null, "L1", "L2", "L3");

        List<Event> results = work(incremental("A"));

        assertEquals(List.of("L3"), reviewTasks(results));
        assertEquals(List.of(List.of("L1")), batches(results));
        assertEquals(3, done(results).locations());
        assertEquals(1, done(results).locationsDone(), "L2 is done: nothing to fetch in this run");
    }

    /** A watermark in the future would hide every review behind it: the location is walked in full, which resets it. */
    @Test
    void aWatermarkInTheFutureMeansAFullWalk() {
        store.watermarks.put("L1", Instant.now().plus(java.time.Duration.ofDays(2)));
        google.withPage("A", null, null, "L1");

        List<Event> results = work(incremental("A"));

        assertEquals(List.of("L1"), reviewTasks(results));
        assertEquals(List.of(), batches(results));
    }

    @Test
    void aHundredAndTwentyWatermarkedLocationsAreThreeBatches() {
        String[] many = IntStream.rangeClosed(1, 120).mapToObj(i -> "L" + i).toArray(String[]::new);
        for (String id : many) {
            store.watermarks.put(id, Instant.parse("2026-11-01T08:00:00Z"));
        }
        google.withPage("A", null, null, many);

        List<Event> results = work(incremental("A"));

        assertEquals(List.of(50, 50, 20), batches(results).stream().map(List::size).toList());
        assertEquals(Arrays.asList(many), batches(results).stream().flatMap(List::stream).toList(), "each once, in the page's order");
        assertEquals(List.of(), reviewTasks(results));
        assertEquals(List.of("reviews-batch:A:L1:1", "reviews-batch:A:L51:1", "reviews-batch:A:L101:1"), done(results).spawnedTaskIds());
        assertEquals(120, done(results).locations());
        assertEquals(1, store.watermarkQueries.size());
    }

    /** A location another page of the job owns is neither asked about nor batched here. */
    @Test
    void onlyTheLocationsThisPageOwnsAreBatched() {
        store.watermarks.put("L1", Instant.parse("2026-11-01T08:00:00Z"));
        store.watermarks.put("L2", Instant.parse("2026-11-01T08:00:00Z"));
        google.withPage("B", null, null, "L1").withPage("A", null, null, "L1", "L2");
        work(incremental("B"));
        store.watermarkQueries.clear();

        List<Event> results = work(incremental("A"));

        assertEquals(List.of(List.of("L2")), store.watermarkQueries);
        assertEquals(List.of(List.of("L2")), batches(results));
    }

    /** A watermark the contract cannot carry (before 2000) would make the page poison: that location is walked in full. */
    @Test
    void aWatermarkOutsideTheContractMeansAFullWalk() {
        store.watermarks.put("L1", Instant.parse("1999-12-31T23:59:59Z"));
        store.watermarks.put("L2", Instant.parse("2026-11-01T08:00:00Z"));
        google.withPage("A", null, null, "L1", "L2");
        List<Event> results = work(incremental("A"));
        assertEquals(List.of("L1"), reviewTasks(results));
        assertEquals(List.of(List.of("L2")), batches(results));
    }
}
