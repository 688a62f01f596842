package io.reviewfetcher.retry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.RetryRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRetriesTest {

    private static PendingRetries.Pending due(Instant at, String location) {
        FetchReviews event = new FetchReviews("job", at, "cred:abcdefghijklmnop", "1", location, "L", null, null, 1, FetchMode.FULL, 0);
        return new PendingRetries.Pending(at, new RetryRequest("job", at, event, List.of(new Failure(0, at, 503, "x", true, null))), null);
    }

    @Test
    void retriesComeOutInDueOrderWhateverTheOrderTheyCameIn() throws Exception {
        PendingRetries pending = new PendingRetries(new RetryScheduleTest.Config(3, 1, 1, 1), new SimpleMeterRegistry());
        List<String> released = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(4);
        pending.whenDue(p -> {
            released.add(((FetchReviews) p.request().event()).locationId());
            all.countDown();
        });
        Instant now = Instant.now();
        pending.add(due(now.plusMillis(300), "third"));
        pending.add(due(now.plusMillis(100), "first"));
        pending.add(due(now.plusMillis(400), "fourth"));
        pending.add(due(now.plusMillis(200), "second"));
        assertTrue(all.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second", "third", "fourth"), released);
        assertEquals(0, pending.size());
    }

    @Test
    void aFullHeapHoldsTheConsumerUntilRetriesAreReleased() throws Exception {
        PendingRetries pending = new PendingRetries(new RetryScheduleTest.Config(3, 1, 1, 1), new SimpleMeterRegistry());
        CountDownLatch released = new CountDownLatch(10);
        pending.whenDue(p -> released.countDown());
        Instant later = Instant.now().plusMillis(300);
        for (int i = 0; i < 10; i++) {
            pending.add(due(later, "l" + i));
        }
        var room = pending.roomFor().subscribeAsCompletionStage();
        assertFalse(room.isDone(), "no room while 10 of 10 wait");
        assertTrue(released.await(5, TimeUnit.SECONDS));
        room.get(5, TimeUnit.SECONDS);
    }
}
