package io.reviewfetcher.accounts.notifications;

import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.failures.GoogleApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which of Google's answers fail one account alone, and what its state says why. No Google, no Redis. */
class AccountNotificationsTest {

    private static GoogleApiException google(int status, String canonical, String message) {
        return new GoogleApiException(status, canonical, null, message, null);
    }

    @Test
    void googleRefusingTheAccountFailsThatAccountAlone() {
        assertTrue(AccountNotifications.refusedForTheAccount(google(403, "PERMISSION_DENIED", "no")));
        assertTrue(AccountNotifications.refusedForTheAccount(google(404, "NOT_FOUND", "no")));
        assertTrue(AccountNotifications.refusedForTheAccount(google(400, "FAILED_PRECONDITION", "no")));
        assertTrue(AccountNotifications.refusedForTheAccount(new RuntimeException(google(403, "PERMISSION_DENIED", "wrapped"))));
    }

    @Test
    void everythingElseIsThePagesFailure() {
        // 401: the credential itself (after the permit gate's one fresh token), not one account.
        assertFalse(AccountNotifications.refusedForTheAccount(google(401, "UNAUTHENTICATED", "no")));
        assertFalse(AccountNotifications.refusedForTheAccount(google(429, "RESOURCE_EXHAUSTED", "later")));
        assertFalse(AccountNotifications.refusedForTheAccount(google(503, "UNAVAILABLE", "later")));
        assertFalse(AccountNotifications.refusedForTheAccount(new java.io.IOException("reset")));
    }

    @Test
    void theReasonIsGooglesStatusAndAShortMessage() {
        assertEquals("Google refused the notification setting: 404 NOT_FOUND: Requested entity was not found.",
                AccountNotifications.reason(google(404, "NOT_FOUND", "Requested entity was not found.")));
        String cut = AccountNotifications.reason(google(403, "PERMISSION_DENIED", "x".repeat(500)));
        assertTrue(cut.length() < 200, cut);
        assertTrue(cut.endsWith("…"));
    }

    @Test
    void onlyAManagedClientsJobCanBeRouted() {
        FetchAccounts client = FetchAccounts.notifications("job-1", Instant.now(), "client:acme", true);
        FetchAccounts token = FetchAccounts.notifications("job-1", Instant.now(), "cred:0123456789abcdef0123", List.of("1"), false);
        assertTrue(AccountNotifications.routable(client));
        assertEquals("acme", AccountNotifications.clientOf(client));
        assertFalse(AccountNotifications.routable(token));
        NotManagedClient refused = assertThrows(NotManagedClient.class, () -> AccountNotifications.clientOf(token));
        assertFalse(refused.retryable());
    }
}
