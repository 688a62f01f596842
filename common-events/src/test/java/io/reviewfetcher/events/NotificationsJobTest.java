package io.reviewfetcher.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fetch_accounts that sets notifications: the field on the wire, every later page and retry keeping it. */
class NotificationsJobTest {

    @Test
    void aNotificationsJobCarriesItsFieldAndAFetchJobDoesNot() {
        FetchAccounts on = SampleEvents.notificationsJob();
        assertTrue(EventCodec.encodeToString(on).contains("\"notifications\":true"));
        assertTrue(EventCodec.encodeToString(on).contains("\"account_ids\":[\"111\",\"444\"]"));
        assertFalse(EventCodec.encodeToString(SampleEvents.fetchAccounts()).contains("notifications"));
        assertNull(EventCodec.decode(EventCodec.encode(SampleEvents.fetchAccounts()), FetchAccounts.class).notifications());
    }

    @Test
    void laterPagesRetriesAndReplaysKeepIt() {
        FetchAccounts off = FetchAccounts.notifications("job-1", Instant.now(), "client:acme", false);
        assertEquals(Boolean.FALSE, off.nextPage(Instant.now(), "p2", null).notifications());
        assertEquals(Boolean.FALSE, off.withAttempt(2).notifications());
        assertEquals(Boolean.FALSE, off.replayed(Instant.now()).notifications());
        assertEquals(List.of("1"), FetchAccounts.notifications("job-1", Instant.now(), "client:acme", List.of("1"), true)
                .nextPage(Instant.now(), "p2", null).accountIds());
        assertEquals("notifications:123", TaskIds.notifications("123"));
    }
}
