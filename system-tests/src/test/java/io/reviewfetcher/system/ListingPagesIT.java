package io.reviewfetcher.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One listing page per record: accounts.list and locations.list walked page by page, each page a task of its own,
 * so a failing page is retried alone and the pages already fetched are never fetched again.
 */
@ExtendWith(LiveStack.class)
class ListingPagesIT {
    /** Locations a locations.list page holds here (Google's 100 would give each account of the data set one page). */
    private static final int LOCATIONS_A_PAGE = 4;
    private static final int ACCOUNTS_A_PAGE = 2;
    /** The first calls of every listing page answer 503: each page fails, and is retried, this many times. */
    private static final int LOCATIONS_PAGE_FAILURES = 2;
    private static final int ACCOUNTS_PAGE_FAILURES = 1;

    @Test
    void listingsOfSeveralPagesWithFailingPagesCompleteAndEachPageIsFetchedOncePerFailure() throws Exception {
        Map<String, Integer> listedByAccount = Emulator.locationsListedByAccount();
        assertTrue(listedByAccount.values().stream().anyMatch(n -> n > 2 * LOCATIONS_A_PAGE),
                "the data set needs an account of at least three listing pages: " + listedByAccount);
        assertTrue(listedByAccount.size() > ACCOUNTS_A_PAGE, "and more than one page of accounts: " + listedByAccount);
        // Jobs of earlier tests walk the same accounts: the emulator counts pages, not jobs, so they must be over.
        assertEquals(List.of(), Poll.until(Duration.ofMinutes(3), TopicScan::stagesBehind), "the stages never caught up");
        Emulator.heal(); // the page counts start here, whatever ran before
        assertEquals(200, Http.put(LocalStack.EMULATOR + "/emulator/faults", Map.of(
                "pageSizeLimits", Map.of("locations.list", LOCATIONS_A_PAGE, "accounts.list", ACCOUNTS_A_PAGE),
                "failFirstCallsPerPage", Map.of("locations.list", LOCATIONS_PAGE_FAILURES, "accounts.list", ACCOUNTS_PAGE_FAILURES)))
                .status());
        Map<TopicPartition, Long> before = TopicScan.mark();

        String jobId = Jobs.submitWithFreshToken();
        JsonNode status = Jobs.awaitFinalStatus(jobId);

        // Every location of every page, every review of every location, once.
        assertEquals("completed", status.path("status").asText(), status.toString());
        assertEquals(listedByAccount.size(), status.path("counts").path("accounts").asInt(), status.toString());
        assertEquals(Emulator.locationCount(), status.path("counts").path("locations").asInt(), status.toString());
        Map<String, Integer> delivered = Jobs.reviewsDelivered(before, jobId);
        assertEquals(Emulator.fetchableReviewIds(), delivered.keySet(), "every review of every location");
        delivered.forEach((id, times) -> assertEquals(1, times, "review " + id + " delivered " + times + " times"));

        // Google saw each listing page fetched once, plus once per failure of that page: never a walk from page 1 again.
        Map<String, Integer> locationPages = assertEachPageFetchedOncePerFailure("locations.list", LOCATIONS_PAGE_FAILURES);
        listedByAccount.forEach((account, locations) -> assertEquals(pages(locations, LOCATIONS_A_PAGE),
                locationPages.getOrDefault(account, 0), "locations.list pages of " + account));
        Map<String, Integer> accountPages = assertEachPageFetchedOncePerFailure("accounts.list", ACCOUNTS_PAGE_FAILURES);
        assertEquals(Map.of("", pages(listedByAccount.size(), ACCOUNTS_A_PAGE)), accountPages);

        // Each page is a task of its own, and a job event carries one page's worth of spawned tasks.
        Set<String> listingTasksDone = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : TopicScan.since(before, Topics.JOB_EVENTS)) {
            if (!jobId.equals(record.key())) {
                continue;
            }
            JobEvent event = EventCodec.decode(record.value(), JobEvent.class);
            if (event.outcome() == JobEvent.Outcome.DONE && !event.taskId().startsWith("reviews:")) {
                listingTasksDone.add(event.taskId());
                assertTrue(event.spawnedTaskIds().size() <= Math.max(LOCATIONS_A_PAGE, ACCOUNTS_A_PAGE) + 1, event.toString());
            }
        }
        Set<String> expected = new HashSet<>();
        for (int page = 1; page <= pages(listedByAccount.size(), ACCOUNTS_A_PAGE); page++) {
            expected.add(page == 1 ? "accounts" : "accounts:p" + page);
        }
        listedByAccount.forEach((account, locations) -> {
            String id = account.substring("accounts/".length());
            for (int page = 1; page <= pages(locations, LOCATIONS_A_PAGE); page++) {
                expected.add(page == 1 ? "locations:" + id : "locations:" + id + ":p" + page);
            }
        });
        assertEquals(expected, listingTasksDone);
        int locationPagesTotal = locationPages.values().stream().mapToInt(Integer::intValue).sum();
        int accountPagesTotal = accountPages.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(status.path("counts").path("retries").asInt()
                        >= locationPagesTotal * LOCATIONS_PAGE_FAILURES + accountPagesTotal * ACCOUNTS_PAGE_FAILURES,
                "every failure of a listing page is one retry of that page: " + status);
    }

    /**
     * Asserts, for every page of {@code endpoint} the emulator served, that it answered exactly {@code failures}
     * 503s and one 200: fetched at most 1 + (its failures) times. Returns parent → pages served.
     */
    private static Map<String, Integer> assertEachPageFetchedOncePerFailure(String endpoint, int failures) throws Exception {
        Map<String, Integer> pagesByParent = new HashMap<>();
        JsonNode pages = Emulator.pageCalls(endpoint);
        assertTrue(pages.size() > 0, "no " + endpoint + " page was called");
        for (JsonNode page : pages) {
            JsonNode statuses = page.path("statuses");
            int served = statuses.path("200").asInt();
            int failed = statuses.path("503").asInt();
            int calls = 0;
            for (JsonNode count : statuses) {
                calls += count.asInt();
            }
            assertEquals(1, served, endpoint + " page served other than once: " + page);
            assertEquals(failures, failed, endpoint + " page: " + page);
            assertTrue(calls <= 1 + failed, endpoint + " page fetched more often than once per failure: " + page);
            pagesByParent.merge(page.path("parent").asText(), 1, Integer::sum);
        }
        return pagesByParent;
    }

    private static int pages(int items, int perPage) {
        return Math.max(1, (items + perPage - 1) / perPage);
    }
}
