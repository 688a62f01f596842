package io.reviewfetcher.ingress.console;

import io.reviewfetcher.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadLetterGroupsTest {

    private static RetryServiceApi.Letter letter(String job, String topic, String reason, boolean replayable, String at) {
        return new RetryServiceApi.Letter(job, Instant.parse(at), topic, "reviews:l1:1", reason, replayable, null);
    }

    private static RetryServiceApi.Letter replayed(String job, String topic, String reason, String at) {
        return new RetryServiceApi.Letter(job, Instant.parse(at), topic, "reviews:l1:1", reason, true, Instant.parse(at).plusSeconds(60));
    }

    @Test
    void lettersAreGroupedByTopicAndReasonThoseAwaitingAReplayFirstThenMostFirst() {
        DeadLetterGroups groups = DeadLetterGroups.of(List.of(
                letter("j1", "fetch-reviews", "Google answered 404", true, "2026-12-01T10:00:00Z"),
                letter("j2", "fetch-reviews", "Google answered 404", true, "2026-12-01T11:00:00Z"),
                replayed("j2", "fetch-reviews", "Google answered 404", "2026-12-01T10:30:00Z"),
                replayed("j3", "fetch-locations", "Google answered 403", "2026-12-01T10:30:00Z"),
                replayed("j4", "fetch-locations", "Google answered 403", "2026-12-01T10:40:00Z"),
                replayed("j5", "fetch-locations", "Google answered 403", "2026-12-01T10:50:00Z"),
                replayed("j6", "fetch-locations", "Google answered 403", "2026-12-01T10:55:00Z"),
                letter(null, "fetch-accounts", "not a valid record: type", false, "2026-12-01T09:00:00Z")), 1000);
        assertEquals(List.of(
                new DeadLetterGroups.Group("fetch-reviews", "Google answered 404", 3, 3, 2, 2, Instant.parse("2026-12-01T11:00:00Z")),
                new DeadLetterGroups.Group("fetch-locations", "Google answered 403", 4, 4, 0, 4, Instant.parse("2026-12-01T10:55:00Z")),
                new DeadLetterGroups.Group("fetch-accounts", "not a valid record: type", 1, 0, 0, 1, Instant.parse("2026-12-01T09:00:00Z"))),
                groups.groups());
        assertEquals(8, groups.letters());
        assertFalse(groups.sampled());
        assertTrue(DeadLetterGroups.of(List.of(letter("j", "t", "r", true, "2026-12-01T09:00:00Z")), 1).sampled(), "cut at the limit");
    }

    @Test
    void aReplayNamesEachSelectedCauseOrOneJob() {
        assertEquals(List.of(new RetryServiceApi.ReplayRequest(null, "fetch-reviews", "Google answered 404")),
                ConsoleApi.replayRequests(new ConsoleApi.ReplaySelection(List.of(new ConsoleApi.ReplaySelection.Cause("fetch-reviews", "Google answered 404")), null)));
        String job = "0b7f4bde-5a4e-4a40-9a53-5f0bd1f0a0c1";
        assertEquals(List.of(new RetryServiceApi.ReplayRequest(job, null, null)),
                ConsoleApi.replayRequests(new ConsoleApi.ReplaySelection(null, job.toUpperCase())));
    }

    @Test
    void aReplayOfNothingIsRefusedRatherThanReplayingEverything() {
        assertThrows(ProblemException.class, () -> ConsoleApi.replayRequests(null));
        assertThrows(ProblemException.class, () -> ConsoleApi.replayRequests(new ConsoleApi.ReplaySelection(List.of(), null)));
        assertThrows(ProblemException.class, () -> ConsoleApi.replayRequests(new ConsoleApi.ReplaySelection(
                List.of(new ConsoleApi.ReplaySelection.Cause("fetch-reviews", "")), null)));
        assertThrows(ProblemException.class, () -> ConsoleApi.replayRequests(new ConsoleApi.ReplaySelection(null, "not-a-job")));
    }
}
