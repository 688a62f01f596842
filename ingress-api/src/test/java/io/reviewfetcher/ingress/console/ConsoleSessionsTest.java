package io.reviewfetcher.ingress.console;

import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.apikeys.TestApiKeyConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleSessionsTest {

    private static final String KEY = "admin-key-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static ConsoleSessions sessions(List<String> adminKeys, Instant now) {
        return new ConsoleSessions(new ApiKeys(new TestApiKeyConfig(null, null, null, adminKeys)), adminKeys, Duration.ofHours(8), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theAdminKeyGivesASessionThatHoldsNoKey() {
        String session = sessions(List.of(KEY), NOW).login(KEY);
        assertNotNull(session);
        assertFalse(session.contains(KEY));
        assertTrue(sessions(List.of(KEY), NOW).valid(session));
    }

    @Test
    void anyOtherKeyGivesNone() {
        assertNull(sessions(List.of(KEY), NOW).login("admin-key-0123456789abcdeX"));
        assertNull(sessions(List.of(KEY), NOW).login(""));
        assertNull(sessions(List.of(KEY), NOW).login(null));
    }

    @Test
    void aSessionIssuedByAnotherPodWithTheSameKeyIsTaken() {
        String fromPodA = sessions(List.of(KEY), NOW).login(KEY);
        assertTrue(sessions(List.of(KEY), NOW.plusSeconds(60)).valid(fromPodA));
    }

    @Test
    void aSessionEndsAtItsExpiry() {
        String session = sessions(List.of(KEY), NOW).login(KEY);
        assertTrue(sessions(List.of(KEY), NOW.plus(Duration.ofHours(8)).minusSeconds(1)).valid(session));
        assertFalse(sessions(List.of(KEY), NOW.plus(Duration.ofHours(8))).valid(session));
    }

    @Test
    void aTamperedOrForeignSessionIsRefused() {
        String session = sessions(List.of(KEY), NOW).login(KEY);
        String[] parts = session.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2];
        assertFalse(sessions(List.of(KEY), NOW).valid(longer), "a later expiry without a new signature");
        assertFalse(sessions(List.of("another-admin-key-0123456789"), NOW).valid(session), "signed with another key");
        for (String junk : new String[] {"", "v1", "v1..", "v2." + parts[1] + "." + parts[2], "v1.x." + parts[2], session + "x"}) {
            assertFalse(sessions(List.of(KEY), NOW).valid(junk), junk);
        }
    }

    @Test
    void duringAKeyRotationSessionsOfBothKeysAreTakenAndDroppingTheOldKeyEndsItsSessions() {
        String old = "old-admin-key-0123456789abc";
        String fresh = "new-admin-key-0123456789abc";
        String oldSession = sessions(List.of(old), NOW).login(old);
        ConsoleSessions rotating = sessions(List.of(fresh, old), NOW);
        assertTrue(rotating.valid(oldSession));
        assertTrue(rotating.valid(rotating.login(old)));
        assertFalse(sessions(List.of(fresh), NOW).valid(oldSession));
    }

    @Test
    void withoutAnAdminKeyTheConsoleIsOff() {
        ConsoleSessions off = sessions(List.of(), NOW);
        assertFalse(off.enabled());
        assertNull(off.login(""));
        assertNull(off.login(KEY));
    }
}
