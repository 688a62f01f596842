package io.reviewfetcher.google;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.GoogleApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageWalkTest {
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final PageWalk walk = new PageWalk(metrics, 1000);

    private static FetchLocations firstLocationsPage() {
        return new FetchLocations("job-1", Instant.now(), "client:42", "111", "Acme", null, FetchMode.FULL, 0);
    }

    private double stops(String endpoint, String cause) {
        Counter counter = metrics.find("stage.page.walks.stopped").tag("endpoint", endpoint).tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }

    /**
     * Walks a list whose page n (1-based) answers {@code tokens.apply(n)} as nextPageToken, as the workers do: one
     * {@link PageWalk#after} per page. Returns the pages fetched, in order; the last element's stop (if any) is
     * in {@code stopped}.
     */
    private <T extends StageEvent> List<T> walk(T first, IntFunction<String> tokens, String endpoint, int bound,
                                                List<PageWalk.Next<T>> stopped) {
        List<T> fetched = new ArrayList<>();
        T page = first;
        while (page != null && fetched.size() < 10_000) {
            fetched.add(page);
            PageWalk.Next<T> next = walk.after(page, tokens.apply(page.pageNumber()), endpoint, "accounts/111", bound);
            if (next.stopped()) {
                stopped.add(next);
                return fetched;
            }
            page = next.continues() ? next.page() : null;
        }
        return fetched;
    }

    @Test
    void aWalkGoesOnPageByPageUntilGoogleOmitsTheToken() {
        FetchLocations first = firstLocationsPage();
        PageWalk.Next<FetchLocations> second = walk.after(first, "t2", "locations.list", "accounts/111");
        assertTrue(second.continues());
        assertEquals(new FetchLocations("job-1", second.page().createdAt(), "client:42", "111", "Acme", null, "t2", 2,
                PageWalk.fingerprint("t2"), FetchMode.FULL, 0), second.page());

        PageWalk.Next<FetchLocations> third = walk.after(second.page().withAttempt(3), "t3", "locations.list", "accounts/111");
        assertEquals(3, third.page().pageNumber());
        assertEquals(0, third.page().attempt(), "a retried page's next page is a first try");
        assertEquals(PageWalk.fingerprint("t2"), third.page().pageTokenMark(), "the mark moves only at powers of two");

        PageWalk.Next<FetchLocations> end = walk.after(third.page(), null, "locations.list", "accounts/111");
        assertFalse(end.continues());
        assertFalse(end.stopped());
        assertNull(end.page());
        assertFalse(walk.after(third.page(), "", "locations.list", "accounts/111").continues(), "an empty token ends it too");
    }

    @Test
    void theMarkIsTheTokenOfTheLatestPowerOfTwoPage() {
        List<PageWalk.Next<FetchLocations>> stopped = new ArrayList<>();
        List<FetchLocations> pages = walk(firstLocationsPage(), n -> n < 20 ? "t" + (n + 1) : null, "locations.list", 1000, stopped);
        assertEquals(20, pages.size());
        assertEquals(List.of(), stopped);
        for (FetchLocations page : pages) {
            int n = page.pageNumber();
            int power = Integer.highestOneBit(n);
            assertEquals(n == 1 ? null : PageWalk.fingerprint("t" + power), page.pageTokenMark(), "page " + n);
            assertEquals(n == 1 ? null : "t" + n, page.pageToken());
        }
    }

    @Test
    void aTokenThatAnswersItselfStopsTheWalkAtOnce() {
        List<PageWalk.Next<FetchLocations>> stopped = new ArrayList<>();
        // Page 5 answers t5 again: the classic stuck cursor.
        List<FetchLocations> pages = walk(firstLocationsPage(), n -> n < 5 ? "t" + (n + 1) : "t5", "locations.list", 1000, stopped);
        assertEquals(5, pages.size(), "pages 1 to 5 fetched, nothing more");
        PageWalk.Next<FetchLocations> stop = stopped.get(0);
        assertEquals("page loop: nextPageToken repeated on locations.list for accounts/111 (page 5 answered the token it was fetched with)",
                stop.stopReason());
        assertEquals(6, stop.page().pageNumber(), "the page not fetched");
        assertEquals("t5", stop.page().pageToken());
        assertEquals(1, stops("locations.list", "token_repeated"));
    }

    @Test
    void aCycleOfAnyLengthIsFoundWithinAFewTimesItsLength() {
        for (int start = 2; start <= 40; start++) {
            for (int length = 2; length <= 40; length++) {
                int cycleStart = start;
                int cycleLength = length;
                // Page n answers token "t<n+1>" until the tokens cycle: from page cycleStart + cycleLength - 1 on,
                // the answer repeats the token of cycleLength pages earlier.
                IntFunction<String> tokens = n -> {
                    int next = n + 1;
                    while (next >= cycleStart + cycleLength) {
                        next -= cycleLength;
                    }
                    return "t" + next;
                };
                List<PageWalk.Next<FetchLocations>> stopped = new ArrayList<>();
                List<FetchLocations> pages = walk(firstLocationsPage(), tokens, "locations.list", 1000, stopped);
                assertEquals(1, stopped.size(), "cycle from " + start + " of " + length + " not stopped");
                assertTrue(stopped.get(0).stopReason().startsWith("page loop: nextPageToken repeated on locations.list"),
                        stopped.get(0).stopReason());
                int closesAt = cycleStart + cycleLength - 1;
                assertTrue(pages.size() <= 4 * closesAt, "cycle from " + start + " of " + length + " took " + pages.size() + " pages");
            }
        }
    }

    @Test
    void aWalkThatNeverEndsStopsAtTheBound() {
        PageWalk small = new PageWalk(metrics, 50);
        FetchAccounts page = new FetchAccounts("job-1", Instant.now(), "client:42", null, null, FetchMode.FULL, 0);
        PageWalk.Next<FetchAccounts> next = null;
        int fetched = 0;
        while (page != null) {
            fetched++;
            next = small.after(page, "t" + (page.pageNumber() + 1), "accounts.list", null);
            page = next.continues() ? next.page() : null;
        }
        assertEquals(50, fetched);
        assertEquals("page loop: no last page on accounts.list within the bound of 50 pages", next.stopReason());
        assertEquals(51, next.page().pageNumber());
        assertEquals(1, stops("accounts.list", "page_bound"));
        assertThrows(IllegalArgumentException.class, () -> new PageWalk(metrics, 0));
    }

    @Test
    void reviewsAreBoundedByTheirCount() {
        assertEquals(2 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(100, 50, 50));
        assertEquals(3 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(101, 50, 50));
        assertEquals(1 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(1, 50, 1));
        assertEquals(10 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(100, 50, 10), "Google answered pages of 10");
        assertEquals(2 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(100, 50, 0), "an empty page: the size asked for");
        assertEquals(2 + PageWalk.REVIEW_PAGES_SLACK, walk.reviewPages(100, 50, 80), "never more than asked for");
        assertEquals(1000, walk.reviewPages(null, 50, 50), "no count: the listings' bound");
        assertEquals(1000, walk.reviewPages(0, 50, 0));

        FetchReviews page = new FetchReviews("job-1", Instant.now(), "client:42", "111", "222", "Cafe", null, "t4", 4,
                PageWalk.fingerprint("t4"), FetchMode.FULL, 0);
        int bound = walk.reviewPages(160, 50, 50); // 4 pages + 2
        PageWalk.Next<FetchReviews> fifth = walk.after(page, "t5", "reviews.list", "locations/222", bound);
        assertTrue(fifth.continues());
        PageWalk.Next<FetchReviews> sixth = walk.after(fifth.page(), "t6", "reviews.list", "locations/222", bound);
        assertTrue(sixth.continues());
        PageWalk.Next<FetchReviews> seventh = walk.after(sixth.page(), "t7", "reviews.list", "locations/222", bound);
        assertTrue(seventh.stopped());
        assertEquals("page loop: no last page on reviews.list for locations/222 within the bound of 6 pages", seventh.stopReason());
    }

    private static final GoogleApiException REFUSED_TOKEN = new GoogleApiException(400, "INVALID_ARGUMENT", null,
            "Request contains an invalid argument.", null, List.of("page_token"));

    private double restarts() {
        Counter counter = metrics.find("stage.page.walks.restarted").tag("endpoint", "reviews.list").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRefusedPageTokenRestartsTheWalkAtMostTwice() {
        FetchReviews third = new FetchReviews("job-1", Instant.now(), "client:42", "111", "222", "Cafe", null, "t3", 3,
                PageWalk.fingerprint("t2"), FetchMode.FULL, 0);
        assertTrue(walk.restarts(third, 0, REFUSED_TOKEN, "reviews.list", "locations/222"));
        assertTrue(walk.restarts(third, 1, new RuntimeException("wrapped", REFUSED_TOKEN), "reviews.list", "locations/222"));
        assertFalse(walk.restarts(third, PageWalk.MAX_RESTARTS, REFUSED_TOKEN, "reviews.list", "locations/222"));
        assertTrue(walk.restarts(third.replayed(Instant.now()), PageWalk.MAX_RESTARTS, REFUSED_TOKEN, "reviews.list", "locations/222"),
                "an operator's replay may restart once more");
        assertEquals(3, restarts());
    }

    @Test
    void onlyARefusedTokenRestarts() {
        FetchReviews third = new FetchReviews("job-1", Instant.now(), "client:42", "111", "222", "Cafe", null, "t3", 3,
                PageWalk.fingerprint("t2"), FetchMode.FULL, 0);
        FetchReviews first = new FetchReviews("job-1", Instant.now(), "client:42", "111", "222", "Cafe", null, null, 1, FetchMode.FULL, 0);
        assertFalse(walk.restarts(first, 0, REFUSED_TOKEN, "reviews.list", "locations/222"), "page 1 has no token to refuse");
        assertFalse(walk.restarts(third, 0, new GoogleApiException(400, "INVALID_ARGUMENT", null, "bad", null, List.of("page_size")),
                "reviews.list", "locations/222"));
        assertFalse(walk.restarts(third, 0, new GoogleApiException(503, "UNAVAILABLE", null, "later", null), "reviews.list", "locations/222"));
        assertFalse(walk.restarts(third, 0, new IllegalStateException("redis away"), "reviews.list", "locations/222"));
        assertEquals(0, restarts());
    }

    @Test
    void aStoppedWalkDeadLettersThePageItDidNotFetchWithoutHoldingTheJobOpen() {
        FetchLocations fifth = new FetchLocations("job-1", Instant.now(), "client:42", "111", "Acme", null, "t5", 5,
                PageWalk.fingerprint("t4"), FetchMode.FULL, 2);
        PageWalk.Next<FetchLocations> stop = walk.after(fifth, "t5", "locations.list", "accounts/111");
        List<Event> reported = PageWalk.stopped(stop);

        DeadLetter letter = assertInstanceOf(DeadLetter.class, reported.get(0));
        assertEquals("fetch-locations", letter.sourceTopic());
        assertEquals(stop.stopReason(), letter.reason());
        assertEquals(stop.page(), letter.event());
        assertEquals(6, ((FetchLocations) letter.event()).pageNumber());
        assertFalse(letter.failures().get(0).retryable());
        assertNull(letter.failures().get(0).httpStatus());

        JobEvent progress = assertInstanceOf(JobEvent.class, reported.get(1));
        assertEquals(TaskIds.locations("111", 6), progress.taskId());
        assertEquals(JobEvent.Outcome.DEAD_LETTERED, progress.outcome());
        assertEquals(List.of(), progress.spawnedTaskIds());
        assertEquals(stop.stopReason(), progress.reason());

        assertThrows(IllegalArgumentException.class, () -> PageWalk.stopped(walk.after(fifth, null, "locations.list", "accounts/111")));
    }

    @Test
    void theFingerprintIsShortAndStable() {
        assertEquals(16, PageWalk.fingerprint("CiAKGjBpNF9").length());
        assertEquals(PageWalk.fingerprint("CiAKGjBpNF9"), PageWalk.fingerprint("CiAKGjBpNF9"));
        assertFalse(PageWalk.fingerprint("a").equals(PageWalk.fingerprint("b")));
    }
}
