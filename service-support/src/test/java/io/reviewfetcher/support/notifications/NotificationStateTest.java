package io.reviewfetcher.support.notifications;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one format of an account's notification state in Redis: what account-worker writes, ingress-api reads back. */
class NotificationStateTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anOnStateIsSnakeCaseJsonWithoutEmptyFields() {
        NotificationState on = NotificationState.on("projects/p/topics/t", List.of("NEW_REVIEW", "UPDATED_REVIEW"), AT);
        assertEquals("{\"state\":\"on\",\"pubsub_topic\":\"projects/p/topics/t\",\"notification_types\":[\"NEW_REVIEW\","
                + "\"UPDATED_REVIEW\"],\"updated_at\":\"2026-12-01T10:00:00Z\"}", on.toJson());
        assertEquals(on, NotificationState.fromJson(on.toJson()));
    }

    @Test
    void offAndFailedCarryTheirReason() {
        NotificationState failed = NotificationState.failed(AT, "403 PERMISSION_DENIED");
        assertEquals("{\"state\":\"failed\",\"updated_at\":\"2026-12-01T10:00:00Z\",\"reason\":\"403 PERMISSION_DENIED\"}", failed.toJson());
        assertEquals(NotificationState.State.OFF, NotificationState.fromJson(NotificationState.off(AT, null).toJson()).state());
    }

    @Test
    void aLongReasonIsCut() {
        String reason = NotificationState.failed(AT, "x".repeat(1000)).reason();
        assertEquals(NotificationState.MAX_REASON, reason.length());
        assertTrue(reason.endsWith("…"));
    }

    @Test
    void aNewerWritersFieldsAreIgnoredAndNonsenseIsRefusedWithoutQuotingIt() {
        assertEquals(NotificationState.State.ON, NotificationState.fromJson("{\"state\":\"on\",\"later_field\":1}").state());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> NotificationState.fromJson("secret-ish"));
        assertTrue(!refused.getMessage().contains("secret-ish"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NotificationState.fromJson("{\"state\":\"sideways\"}"));
        assertThrows(IllegalArgumentException.class, () -> NotificationState.fromJson("{}"));
    }
}
