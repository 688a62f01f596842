package io.reviewfetcher.ingress.notifications;

import io.reviewfetcher.support.notifications.NotificationState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client's hash of states as the answer: by account id, a value that is no state left out. */
class NotificationStateReaderTest {

    @Test
    void accountsAreSortedAndUnreadableValuesLeftOut() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("30", NotificationState.off(at, "turned off through another client's credential").toJson());
        fields.put("10", NotificationState.on("projects/p/topics/t", List.of("NEW_REVIEW", "UPDATED_REVIEW"), at).toJson());
        fields.put("20", "{not json");

        ClientNotifications answer = NotificationStateReader.of("acme", fields);

        assertEquals("acme", answer.clientId());
        assertEquals(List.of("10", "30"), answer.accounts().stream().map(ClientNotifications.AccountNotifications::accountId).toList());
        assertEquals(new ClientNotifications.AccountNotifications("10", "on", "projects/p/topics/t", List.of("NEW_REVIEW", "UPDATED_REVIEW"),
                "2026-12-01T10:00:00Z", null), answer.accounts().get(0));
        assertEquals("off", answer.accounts().get(1).state());
        assertEquals("turned off through another client's credential", answer.accounts().get(1).reason());
    }
}
