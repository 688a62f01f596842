package io.reviewfetcher.tokens.crypto;

import io.reviewfetcher.tokens.support.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-GCM at rest: sealed values name their key, survive a key rotation, and open only where they were sealed. */
class SecretCipherTest {

    private final String oldKey = TestEnvironment.randomBase64(32);
    private final String newKey = TestEnvironment.randomBase64(32);

    @Test
    void aValueSealedUnderTheOldKeyOpensAfterRotationAndNewValuesUseTheNewKey() {
        SecretCipher before = new SecretCipher(oldKey, List.of());
        String sealed = before.seal("1//refresh-token", "refresh_token:7");
        assertTrue(sealed.startsWith(before.currentKeyId() + ":"));
        assertFalse(sealed.contains("refresh-token"));

        SecretCipher after = new SecretCipher(newKey, List.of(oldKey));
        assertNotEquals(before.currentKeyId(), after.currentKeyId());
        assertEquals("1//refresh-token", after.open(sealed, "refresh_token:7"));
        assertTrue(after.seal("x", "c").startsWith(after.currentKeyId() + ":"));

        // Once the old key is dropped, its values no longer open (and the error names only the key id).
        SecretCipher.SealedValueException e = assertThrows(SecretCipher.SealedValueException.class,
                () -> new SecretCipher(newKey, List.of()).open(sealed, "refresh_token:7"));
        assertFalse(e.getMessage().contains(sealed.substring(sealed.indexOf(':') + 1)));
    }

    @Test
    void aSealedValueOpensOnlyInItsContextAndUntampered() {
        SecretCipher cipher = new SecretCipher(newKey, List.of());
        String sealed = cipher.seal("GOCSPX-secret", "client_secret:1");
        assertThrows(SecretCipher.SealedValueException.class, () -> cipher.open(sealed, "client_secret:2"));
        char[] chars = sealed.toCharArray();
        int last = chars.length - 3;
        chars[last] = chars[last] == 'A' ? 'B' : 'A';
        assertThrows(SecretCipher.SealedValueException.class, () -> cipher.open(new String(chars), "client_secret:1"));
        assertNotEquals(sealed, cipher.seal("GOCSPX-secret", "client_secret:1"), "nonce reused");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher(TestEnvironment.randomBase64(16), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SecretCipher("not base64!", List.of()));
    }
}
