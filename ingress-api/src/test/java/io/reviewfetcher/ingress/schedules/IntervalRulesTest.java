package io.reviewfetcher.ingress.schedules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How intervals are answered, and the schedule list's cursor. Plain unit test. */
class IntervalRulesTest {

    @Test
    void wholeDaysAreAnsweredInDaysAndTheRestAsTime() {
        assertEquals("P1D", IntervalRules.text(Duration.ofDays(1)));
        assertEquals("P366D", IntervalRules.text(Duration.ofDays(366)));
        assertEquals("PT36H", IntervalRules.text(Duration.ofHours(36)));
        assertEquals("PT15M", IntervalRules.text(Duration.ofMinutes(15)));
        assertEquals("PT1H30M", IntervalRules.text(Duration.parse("PT90M")));
        assertNull(IntervalRules.text(null));
    }

    @Test
    void aCursorComesBackAsWritten() {
        ScheduleCursor cursor = new ScheduleCursor(Instant.parse("2026-11-20T10:15:30.123456Z"), UUID.randomUUID());

        assertEquals(cursor, ScheduleCursor.decode(cursor.encode()));
    }

    @Test
    void aCursorThisStoreDidNotWriteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleCursor.decode("not a cursor!"));
        assertThrows(IllegalArgumentException.class, () -> ScheduleCursor.decode("AQID"));
    }
}
