package io.reviewfetcher.ingress.schedules;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

import static io.reviewfetcher.ingress.schedules.Schedules.T;
import static io.reviewfetcher.ingress.schedules.Schedules.schedule;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A poll claims due schedules one after another until none is due or its bound; a failure ends it quietly. Plain unit test. */
class SchedulePollerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DueRunStarterTest.FakeJobs jobs = new DueRunStarterTest.FakeJobs();
    private final DueRunStarter starter = new DueRunStarter(new DueRunStarterTest.FakeStatus(), jobs, registry);

    @Test
    void aPollStartsEveryDueRunThenStops() {
        FakeDue due = new FakeDue(3);
        SchedulePoller poller = new SchedulePoller(due, starter, 50, registry);

        poller.poll().await().atMost(Duration.ofSeconds(5));

        assertEquals(3, jobs.submitted.size());
        assertEquals(4, due.claims, "the fourth claim found nothing due");
    }

    @Test
    void aPollHandlesAtMostItsBound() {
        FakeDue due = new FakeDue(10);
        SchedulePoller poller = new SchedulePoller(due, starter, 4, registry);

        poller.poll().await().atMost(Duration.ofSeconds(5));

        assertEquals(4, jobs.submitted.size());
        assertEquals(4, due.claims);
    }

    @Test
    void aFailureEndsThePollIsCountedAndDoesNotFailTheScheduler() {
        FakeDue due = new FakeDue(5);
        jobs.failure = new IllegalStateException("broker down");
        SchedulePoller poller = new SchedulePoller(due, starter, 50, registry);

        poller.poll().await().atMost(Duration.ofSeconds(5));

        assertEquals(1, due.claims, "the run stays due; the next poll tries again");
        assertEquals(1.0, registry.counter("ingress_schedule_polls_failed").count());
    }

    /** {@code due} due schedules, each claimed once (its work's outcome is the claim's). */
    static final class FakeDue implements DueSchedules {
        private final Deque<Schedule> due = new ArrayDeque<>();
        int claims;

        FakeDue(int count) {
            for (int i = 0; i < count; i++) {
                due.add(schedule(T, null));
            }
        }

        @Override
        public Uni<Boolean> claimNext(Function<ClaimedSchedule, Uni<Void>> work) {
            claims++;
            Schedule next = due.poll();
            if (next == null) {
                return Uni.createFrom().item(false);
            }
            return work.apply(new DueRunStarterTest.FakeClaim(next, T)).replaceWith(true);
        }
    }
}
