package io.reviewfetcher.emulator.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reviewfetcher.emulator.EmulatorParts;
import io.reviewfetcher.emulator.notifications.NotificationType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the log counts and how each message's state moves. */
class PushLogTest {

    private final PushLog log = new PushLog(new EmulatorParts(Map.of("emulator.push.log-size", "3")).config);
    private final Instant t0 = Instant.parse("2026-05-01T10:00:00Z");

    private PushMessage message(int n) {
        return new PushMessage(Long.toString(1000 + n), NotificationType.NEW_REVIEW, "accounts/1/locations/2/reviews/" + n,
                "accounts/1/locations/2", t0, new byte[0]);
    }

    @Test
    void aMessageIsDeliveredOnItsFirstAcknowledgementAndDuplicatesOnlyAddDeliveries() {
        PushLog.Entry entry = log.published(message(1), false);
        assertFalse(log.attempted(entry, false, t0.plusMillis(5)));
        assertTrue(log.attempted(entry, true, t0.plusMillis(60)), "the first 2xx");
        log.duplicated(entry);
        assertFalse(log.attempted(entry, true, t0.plusMillis(90)), "a duplicate is not a new delivery");

        PushLog.Snapshot snapshot = log.snapshot();
        assertEquals(new PushLog.Counts(1, 1, 2, 3, 1, 0, 1, 0, 0), snapshot.counts());
        PushLog.MessageView view = snapshot.messages().get(0);
        assertEquals(PushLog.State.DELIVERED, view.state());
        assertEquals(t0.plusMillis(60), view.deliveredAt());
        assertEquals(3, view.attempts());
        assertEquals(2, view.deliveries());
    }

    @Test
    void droppedAndGivenUpMessagesAreFinalAndNeverPending() {
        log.published(message(1), true);
        PushLog.Entry failing = log.published(message(2), false);
        log.attempted(failing, false, t0);
        log.gaveUp(failing);
        log.published(message(3), false);

        PushLog.Snapshot snapshot = log.snapshot();
        assertEquals(new PushLog.Counts(3, 0, 0, 1, 1, 1, 0, 1, 1), snapshot.counts());
        assertEquals(List.of(PushLog.State.PENDING, PushLog.State.GIVEN_UP, PushLog.State.DROPPED),
                snapshot.messages().stream().map(PushLog.MessageView::state).toList(), "newest first");
        assertNull(snapshot.messages().get(1).deliveredAt());
    }

    @Test
    void onlyTheMostRecentMessagesAreListedWhileCountsCoverAll() {
        for (int i = 1; i <= 5; i++) {
            log.published(message(i), false);
        }
        PushLog.Snapshot snapshot = log.snapshot();
        assertEquals(5, snapshot.counts().published());
        assertEquals(List.of("1005", "1004", "1003"), snapshot.messages().stream().map(PushLog.MessageView::messageId).toList());
    }

    @Test
    void aResetForgetsEverythingAndIgnoresMessagesStillInFlight() {
        PushLog.Entry inFlight = log.published(message(1), false);
        log.clear();
        assertFalse(log.current(inFlight));
        assertFalse(log.attempted(inFlight, true, t0));
        log.gaveUp(inFlight);
        log.duplicated(inFlight);
        assertEquals(new PushLog.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0), log.snapshot().counts());
        assertTrue(log.snapshot().messages().isEmpty());
        assertTrue(log.current(log.published(message(2), false)));
    }
}
