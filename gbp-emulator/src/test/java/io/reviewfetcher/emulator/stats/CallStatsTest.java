package io.reviewfetcher.emulator.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallStatsTest {

    @Test
    void callsAreCountedPerPageAndStatusAndForgottenOnClear() {
        CallStats stats = new CallStats();
        CallStats.Page first = new CallStats.Page("locations.list", "accounts/1", "");
        CallStats.Page second = new CallStats.Page("locations.list", "accounts/1", "T2");
        stats.recordPage(second, 200);
        stats.recordPage(first, 503);
        stats.recordPage(first, 200);
        stats.recordPage(new CallStats.Page("reviews.list", "accounts/1/locations/2", ""), 200);

        assertEquals(List.of(
                new CallStats.PageCalls("locations.list", "accounts/1", "", Map.of("200", 1L, "503", 1L)),
                new CallStats.PageCalls("locations.list", "accounts/1", "T2", Map.of("200", 1L))), stats.pages("locations.list"));
        assertEquals(3, stats.pages(null).size());
        stats.clear();
        assertEquals(List.of(), stats.pages(null));
    }
}
