package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TaskIdsTest {
    @Test
    void everyStageEventNamesItsTask() {
        assertEquals("accounts", TaskIds.of(SampleEvents.fetchAccounts()));
        assertEquals("locations:111", TaskIds.of(SampleEvents.fetchLocations()));
        assertEquals("reviews:222:2", TaskIds.of(SampleEvents.fetchReviews()));
    }

    @Test
    void aRetryIsTheSameTask() {
        assertEquals(TaskIds.of(SampleEvents.fetchReviews()), TaskIds.of(SampleEvents.fetchReviews().withAttempt(4)));
    }
}
