package io.reviewfetcher.accounts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchLocations;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.google.GoogleDtos;
import io.reviewfetcher.google.NamelessItems;
import io.reviewfetcher.google.PageWalk;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One page of accounts per record: its accounts fan out, the next page is a task of its own. No Kafka, no Google. */
class AccountStageTest {

    /** Google's accounts.list as a map from page token ("" for the first page) to its answer; records the tokens asked. */
    static final class ScriptedAccounts extends AccountLister {
        final Map<String, GoogleDtos.AccountsPage> pages = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        ScriptedAccounts() {
            super(null, null);
        }

        ScriptedAccounts withPage(String token, String nextToken, String... accountIds) {
            List<GoogleDtos.Account> accounts = new ArrayList<>();
            for (String id : accountIds) {
                accounts.add(new GoogleDtos.Account("accounts/" + id, "Account " + id, "LOCATION_GROUP"));
            }
            pages.put(token == null ? "" : token, new GoogleDtos.AccountsPage(accounts, nextToken));
            return this;
        }

        @Override
        public Uni<GoogleDtos.AccountsPage> page(String credential, String jobId, String pageToken) {
            asked.add(pageToken);
            return Uni.createFrom().item(pages.get(pageToken == null ? "" : pageToken));
        }
    }

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final ScriptedAccounts google = new ScriptedAccounts();
    private final AccountStage stage = new AccountStage(null, google, new PageWalk(metrics, 1000), new NamelessItems(metrics), null);

    private static FetchAccounts submitted(List<String> accountIds) {
        return new FetchAccounts("job-1", Instant.now(), "client:42", accountIds, List.of("L9"), FetchMode.FULL, 0);
    }

    private List<Event> work(FetchAccounts task) {
        List<Event> produced = stage.fanOut(task).await().atMost(Duration.ofSeconds(5));
        produced.forEach(event -> assertEquals(event, EventCodec.decode(EventCodec.encode(event)), "every event is valid on the wire"));
        return produced;
    }

    private static <T> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static JobEvent done(List<Event> events) {
        List<JobEvent> done = only(events, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DONE).toList();
        assertEquals(1, done.size(), events.toString());
        return done.get(0);
    }

    @Test
    void eachPageFansOutItsAccountsAndHandsOnTheNextPage() {
        google.withPage(null, "p2", "A1", "A2").withPage("p2", "p3", "A3").withPage("p3", null, "A4");

        List<Event> first = work(submitted(null));
        assertEquals(List.of("A1", "A2"), only(first, FetchLocations.class).stream().map(FetchLocations::accountId).toList());
        FetchLocations locations = only(first, FetchLocations.class).get(0);
        assertEquals(1, locations.pageNumber());
        assertEquals(List.of("L9"), locations.locationIds());
        FetchAccounts second = only(first, FetchAccounts.class).get(0);
        assertEquals("p2", second.pageToken());
        assertEquals(2, second.pageNumber());
        assertEquals(List.of("L9"), second.locationIds(), "the job's narrowing travels with every page");
        JobEvent rootDone = done(first);
        assertEquals("accounts", rootDone.taskId());
        assertEquals(List.of("locations:A1", "locations:A2", "accounts:p2"), rootDone.spawnedTaskIds());
        assertEquals(2, rootDone.accounts());

        List<Event> secondResults = work(second);
        FetchAccounts third = only(secondResults, FetchAccounts.class).get(0);
        assertEquals(List.of("locations:A3", "accounts:p3"), done(secondResults).spawnedTaskIds());
        assertEquals("accounts:p2", done(secondResults).taskId());

        List<Event> last = work(third);
        assertEquals(List.of(), only(last, FetchAccounts.class), "the last page spawns no further page");
        assertEquals("accounts:p3", done(last).taskId());
        assertEquals(List.of("locations:A4"), done(last).spawnedTaskIds());
        assertEquals(java.util.Arrays.asList(null, "p2", "p3"), google.asked, "each page fetched once, with its own token");
    }

    /** An account Google lists without a name has no id to fan out to: it alone is skipped, the page goes on. */
    @Test
    void anAccountWithoutANameIsSkippedAndTheRestOfItsPageFansOut() {
        google.pages.put("", new GoogleDtos.AccountsPage(List.of(
                new GoogleDtos.Account("accounts/A1", "Account A1", "PERSONAL"),
                new GoogleDtos.Account(null, "No name", "LOCATION_GROUP"),
                new GoogleDtos.Account("", "Blank name", "LOCATION_GROUP"),
                new GoogleDtos.Account("accounts/", "Nothing named", "LOCATION_GROUP"),
                new GoogleDtos.Account("accounts/A2", null, "PERSONAL")), "p2"));

        List<Event> results = work(submitted(null));

        assertEquals(List.of("A1", "A2"), only(results, FetchLocations.class).stream().map(FetchLocations::accountId).toList());
        assertEquals(List.of("locations:A1", "locations:A2", "accounts:p2"), done(results).spawnedTaskIds());
        assertEquals(2, done(results).accounts());
        assertEquals(List.of(), only(results, DeadLetter.class), "nothing to retry: the same page would give the same accounts");
        assertEquals(3, metrics.find("stage.list.items.skipped").tag("endpoint", "accounts.list").tag("cause", "no_name")
                .counter().count());
    }

    @Test
    void aRetriedPageFetchesThatPageAlone() {
        google.withPage(null, "p2", "A1").withPage("p2", null, "A2");
        FetchAccounts second = only(work(submitted(null)), FetchAccounts.class).get(0);
        google.asked.clear();

        List<Event> retried = work(second.withAttempt(3));
        assertEquals(List.of("p2"), google.asked, "not the listing from page 1");
        assertEquals(3, done(retried).attempt());
        assertEquals(List.of("locations:A2"), done(retried).spawnedTaskIds());
    }

    @Test
    void theJobsAccountFilterAppliesOnEveryPage() {
        google.withPage(null, "p2", "A1", "A2").withPage("p2", null, "A3", "A4");
        FetchAccounts second = only(work(submitted(List.of("A2", "A3"))), FetchAccounts.class).get(0);
        assertEquals(List.of("A2", "A3"), second.accountIds());
        List<Event> results = work(second);
        assertEquals(List.of("A3"), only(results, FetchLocations.class).stream().map(FetchLocations::accountId).toList());
        assertEquals(1, done(results).accounts());
    }

    @Test
    void aJobEventIsBoundedByOnePage() {
        String[] twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> "A" + i).toArray(String[]::new);
        google.withPage(null, "p2", twenty);
        JobEvent progress = done(work(submitted(null)));
        assertEquals(21, progress.spawnedTaskIds().size(), "20 accounts and the next page");
    }

    @Test
    void aPageAnsweringItsOwnTokenStopsTheWalkButKeepsItsAccounts() {
        google.withPage(null, "p2", "A1").withPage("p2", "p2", "A2");
        FetchAccounts second = only(work(submitted(null)), FetchAccounts.class).get(0);

        List<Event> results = work(second);
        assertEquals(List.of("A2"), only(results, FetchLocations.class).stream().map(FetchLocations::accountId).toList());
        assertEquals(List.of(), only(results, FetchAccounts.class), "no further page");
        assertEquals(List.of("locations:A2"), done(results).spawnedTaskIds(), "the page is done with what it found");

        DeadLetter letter = only(results, DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("page loop: nextPageToken repeated on accounts.list"), letter.reason());
        assertEquals(3, ((FetchAccounts) letter.event()).pageNumber());
        JobEvent stopped = only(results, JobEvent.class).stream().filter(e -> e.outcome() == JobEvent.Outcome.DEAD_LETTERED)
                .findFirst().orElseThrow();
        assertEquals("accounts:p3", stopped.taskId(), "a later page, never the root: the job ends completed_with_errors");
        assertEquals(1, metrics.find("stage.page.walks.stopped").tag("endpoint", "accounts.list").counter().count());
    }
}
