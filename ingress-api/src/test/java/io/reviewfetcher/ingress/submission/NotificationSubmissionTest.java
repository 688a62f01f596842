package io.reviewfetcher.ingress.submission;

import io.reviewfetcher.events.FetchMode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job that sets notifications is a managed client's only: pushes for a submitted token could not be routed. */
class NotificationSubmissionTest {

    @Test
    void aManagedClientsNotificationsJob() {
        Submission on = Submission.notifications(new Submission.ManagedClient("acme"), List.of("1"), true);
        assertTrue(on.setsNotifications());
        assertEquals(Boolean.TRUE, on.notifications());
        assertEquals(List.of("1"), on.accountIds());
        assertNull(on.locationIds());
        assertFalse(new Submission(new Submission.ManagedClient("acme"), null, null, FetchMode.FULL).setsNotifications());
    }

    @Test
    void aSubmittedTokenCannotHaveNotificationsAndIsNotRepeated() {
        InvalidSubmission refused = assertThrows(InvalidSubmission.class,
                () -> new Submission(new Submission.AccessToken("ya29.secret"), null, null, FetchMode.INCREMENTAL, false));
        assertEquals(InvalidSubmission.Kind.INVALID, refused.kind());
        assertEquals("client_id", refused.errors().get(0).field());
        assertFalse(refused.detail().contains("ya29"));
    }
}
