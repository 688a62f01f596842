package io.reviewfetcher.support.apikeys;

import io.reviewfetcher.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each role accepts only its own keys, several at once during a rotation. */
class ApiKeysTest {
    private static final String OLD = "old-worker-key-0123456789";
    private static final String NEW = "new-worker-key-0123456789";
    private static final String INGRESS = "ingress-key-0123456789abc";
    private static final String ADMIN = "admin-key-0123456789abcdef";
    private static final String CALLER_ENTRY = "caller-key-0123456789abc=*";

    private final ApiKeys keys = new ApiKeys(new TestApiKeyConfig(List.of(CALLER_ENTRY), List.of(OLD, " " + NEW + " "), List.of(OLD, INGRESS), List.of(ADMIN)));

    @Test
    void bothKeysOfARotationAreAccepted() {
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, OLD));
        assertTrue(keys.accepts(ApiKeyRole.PERMITS, NEW));
    }

    @Test
    void aKeyOfAnotherRoleIsRefused() {
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, ADMIN));
        assertFalse(keys.accepts(ApiKeyRole.ADMIN, OLD));
    }

    /** ingress-api's caller keys are scoped to clients and read by ingress-api itself: no role here takes them. */
    @Test
    void callerKeysOpenNoRole() {
        for (ApiKeyRole role : ApiKeyRole.values()) {
            assertFalse(keys.accepts(role, CALLER_ENTRY), role.name());
            assertFalse(keys.accepts(role, "caller-key-0123456789abc"), role.name());
        }
    }

    @Test
    void aCredentialsKeyDoesNotOpenThePermits() {
        assertTrue(keys.accepts(ApiKeyRole.CREDENTIALS, INGRESS));
        assertFalse(keys.accepts(ApiKeyRole.PERMITS, INGRESS));
        ProblemException refused = assertThrows(ProblemException.class, () -> keys.require(ApiKeyRole.PERMITS, INGRESS));
        assertEquals(401, refused.problem().status());
        assertEquals("unauthorized", refused.problem().slug());
    }

    @Test
    void aMissingOrWrongKeyEndsTheRequestWith401WithoutEchoingIt() {
        ProblemException missing = assertThrows(ProblemException.class, () -> keys.require(ApiKeyRole.ADMIN, null));
        assertEquals(401, missing.problem().status());
        ProblemException wrong = assertThrows(ProblemException.class, () -> keys.require(ApiKeyRole.ADMIN, "guess-123"));
        assertFalse(wrong.problem().detail().contains("guess-123"));
    }

    @Test
    void aRequiredRoleWithoutLongEnoughKeysStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> ApiKeys.requireConfigured(Optional.empty(), "SERVICE_API_KEY"));
        assertThrows(IllegalStateException.class, () -> ApiKeys.requireConfigured(Optional.of(List.of("short")), "SERVICE_API_KEY"));
        ApiKeys.requireConfigured(Optional.of(List.of(OLD)), "SERVICE_API_KEY");
    }
}
