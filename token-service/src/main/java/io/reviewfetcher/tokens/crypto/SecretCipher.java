package io.reviewfetcher.tokens.crypto;

import io.reviewfetcher.tokens.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AES-256-GCM for every secret at rest (refresh and access tokens, client secrets, PKCE verifiers,
 * submitted tokens in Redis). A sealed value reads {@code <key id>:<base64(nonce | ciphertext | tag)>};
 * the key id is a fingerprint of the key, so a rotated key needs no bookkeeping: the current key seals,
 * the current and previous keys open. The context (e.g. {@code client_secret:42}) is bound as associated
 * data, so a sealed value copied to another row or field does not open there.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    @Inject
    public SecretCipher(TokenServiceConfig config) {
        this(config.security().encryptionKey(), config.security().previousEncryptionKeys().orElse(List.of()));
    }

    public SecretCipher(String currentKey, List<String> previousKeys) {
        SecretKeySpec current = parse(currentKey, "TOKEN_ENCRYPTION_KEY");
        this.currentKeyId = keyId(current);
        keys.put(currentKeyId, current);
        for (String previous : previousKeys) {
            if (!previous.isBlank()) {
                SecretKeySpec key = parse(previous.trim(), "TOKEN_ENCRYPTION_PREVIOUS_KEYS");
                keys.putIfAbsent(keyId(key), key);
            }
        }
    }

    /** The id of the key that seals new values. */
    public String currentKeyId() {
        return currentKeyId;
    }

    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** Opens a sealed value; fails (without echoing it) when the key is unknown or the value was tampered with. */
    public String open(String sealed, String context) {
        int colon = sealed == null ? -1 : sealed.indexOf(':');
        if (colon <= 0) {
            throw new SealedValueException("not a sealed value");
        }
        SecretKeySpec key = keys.get(sealed.substring(0, colon));
        if (key == null) {
            throw new SealedValueException("sealed under unknown key id " + sealed.substring(0, colon));
        }
        try {
            byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SealedValueException("sealed value does not open with key id " + sealed.substring(0, colon));
        }
    }

    /** The key id a sealed value was written under (to find values awaiting re-encryption). */
    public static String keyIdOf(String sealed) {
        int colon = sealed.indexOf(':');
        return colon <= 0 ? "" : sealed.substring(0, colon);
    }

    private static SecretKeySpec parse(String base64, String name) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(name + " must be 256 bits (32 bytes), was " + raw.length * 8);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static String keyId(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "k" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sealed value that cannot be opened. The message never contains the value. */
    public static class SealedValueException extends RuntimeException {
        public SealedValueException(String message) {
            super(message, null, false, false);
        }
    }
}
