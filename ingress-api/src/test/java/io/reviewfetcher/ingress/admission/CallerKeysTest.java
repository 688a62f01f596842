package io.reviewfetcher.ingress.admission;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INGRESS_API_KEYS as CallerKeys reads it: each entry a key and the clients it is valid for, or * (or nothing, the
 * contract's bare key) for every client; a bad entry stops the start with a message that names its position and the
 * forms, never the key.
 */
class CallerKeysTest {

    private static final String AGENCY = "agency-key-0123456789abcdef";
    private static final String OPERATOR = "operator-key-0123456789abcd";
    private static final String OTHER = "other-key-0123456789abcdefg";

    private static IllegalStateException refusedAtStart(String... entries) {
        return assertThrows(IllegalStateException.class, () -> new CallerKeys(List.of(entries)));
    }

    @Test
    void aScopedKeyIsValidForItsClientsOnly() {
        CallerKeys keys = new CallerKeys(List.of(AGENCY + "=acme|globex", OPERATOR + "=*"));

        Caller agency = keys.find(AGENCY);
        assertTrue(agency.allows("acme"));
        assertTrue(agency.allows("globex"));
        assertFalse(agency.allows("initech"));
        assertFalse(agency.everyClient());
        assertEquals(Set.of("acme", "globex"), agency.clients());
        ClientNotAllowed refused = assertThrows(ClientNotAllowed.class, () -> agency.requireClient("initech"));
        assertEquals("initech", refused.clientId());
        agency.requireClient("acme");
    }

    @Test
    void aStarKeyIsValidForEveryClient() {
        Caller operator = new CallerKeys(List.of(OPERATOR + "=*")).find(OPERATOR);

        assertTrue(operator.everyClient());
        assertTrue(operator.allows("any-client-at-all"));
    }

    @Test
    void anUnknownOrMissingKeyIsNoCaller() {
        CallerKeys keys = new CallerKeys(List.of(AGENCY + "=acme"));

        assertNull(keys.find(OTHER));
        assertNull(keys.find(null));
        assertNull(keys.find(""));
        assertNull(keys.find(AGENCY + "=acme"), "the entry is not the key");
        assertNull(new CallerKeys(List.of()).find(AGENCY), "no keys configured: no caller");
    }

    @Test
    void whitespaceAroundKeysScopesAndClientsIsIgnored() {
        CallerKeys keys = new CallerKeys(List.of("  " + AGENCY + " =  acme |  globex  ", " ", OPERATOR + " = * "));

        assertTrue(keys.find(AGENCY).allows("globex"));
        assertTrue(keys.find(OPERATOR).everyClient());
    }

    @Test
    void aKeyMayEndInBase64PaddingTheScopeFollowsTheLastEquals() {
        String padded = "YWdlbmN5LWtleS0wMTIzNDU2Nzg5YQ==";
        CallerKeys keys = new CallerKeys(List.of(padded + "=acme"));

        assertTrue(keys.find(padded).allows("acme"));
    }

    @Test
    void aKeyListedTwiceIsValidForTheClientsOfBoth() {
        CallerKeys keys = new CallerKeys(List.of(AGENCY + "=acme", AGENCY + "=globex", OPERATOR + "=acme", OPERATOR + "=*"));

        assertEquals(Set.of("acme", "globex"), keys.find(AGENCY).clients());
        assertTrue(keys.find(OPERATOR).everyClient());
    }

    @Test
    void eachKeyHasItsOwnSubjectWhichIsNotTheKey() {
        CallerKeys keys = new CallerKeys(List.of(AGENCY + "=acme", OPERATOR + "=*"));

        String subject = keys.find(AGENCY).subject();
        assertTrue(subject.matches("[0-9a-f]{32}"), subject);
        assertNotEquals(subject, keys.find(OPERATOR).subject());
        assertEquals(subject, new CallerKeys(List.of(AGENCY + "=globex")).find(AGENCY).subject(), "the same key, the same subject");
    }

    @Test
    void aBareKeyAsTheContractWritesItIsValidForEveryClient() {
        CallerKeys keys = new CallerKeys(List.of(OPERATOR, AGENCY + "=acme"));

        assertTrue(keys.find(OPERATOR).everyClient());
        assertFalse(keys.find(AGENCY).everyClient());
    }

    @Test
    void aShortKeyStopsTheStart() {
        IllegalStateException refused = refusedAtStart(OPERATOR, "short-key=*");

        assertTrue(refused.getMessage().contains("entry 2 has a key shorter than 16 characters"), refused.getMessage());
        assertTrue(refused.getMessage().contains("<key>=<client_id>|<client_id>"), refused.getMessage());
        assertFalse(refused.getMessage().contains("short-key"));
        assertFalse(refused.getMessage().contains(OPERATOR));
        assertTrue(refusedAtStart("short-bare-key").getMessage().contains("entry 1 has a key shorter"));
    }

    @Test
    void aScopeThatNamesNoClientOrABadOneStopsTheStartWithoutRepeatingIt() {
        assertTrue(refusedAtStart(AGENCY + "=").getMessage().contains("entry 1 names no client"));
        assertTrue(refusedAtStart(AGENCY + "=acme||globex").getMessage().contains("client 2"));
        assertTrue(refusedAtStart(AGENCY + "=acme|*").getMessage().contains("* stands alone"));
        IllegalStateException misplaced = refusedAtStart(OTHER + "=" + AGENCY + ":");
        assertTrue(misplaced.getMessage().contains("names a client that is not a client id"), misplaced.getMessage());
        assertFalse(misplaced.getMessage().contains(AGENCY), "a key where a client should be is not repeated");
    }
}
