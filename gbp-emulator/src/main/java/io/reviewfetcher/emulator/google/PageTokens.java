package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page tokens: data version + offset, sealed with a MAC over the query they belong to
 * (parent, order, filter). A token from another query, or tampered with, is rejected; a token of
 * an older data version still works at its offset, as an offset cursor on a changing list does
 * (so changes between pages can shift items, like on a live service).
 */
@ApplicationScoped
public class PageTokens {

    /** Where a token says the next page starts. */
    public record Cursor(long version, int offset) {
    }

    private static final int MAC_BYTES = 8;
    private final byte[] secret;

    public PageTokens(EmulatorConfig config) {
        this.secret = ("gbp-emulator-page-token:" + config.seed()).getBytes(StandardCharsets.UTF_8);
    }

    public String encode(String query, long version, int offset) {
        ByteBuffer payload = ByteBuffer.allocate(12 + MAC_BYTES);
        payload.putLong(version).putInt(offset);
        payload.put(mac(query, version, offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    /** Empty when the token is malformed, forged or belongs to another query. */
    public Optional<Cursor> decode(String query, String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != 12 + MAC_BYTES) {
            return Optional.empty();
        }
        ByteBuffer payload = ByteBuffer.wrap(raw);
        long version = payload.getLong();
        int offset = payload.getInt();
        byte[] mac = Arrays.copyOfRange(raw, 12, raw.length);
        if (offset < 0 || !MessageDigest.isEqual(mac, mac(query, version, offset))) {
            return Optional.empty();
        }
        return Optional.of(new Cursor(version, offset));
    }

    private byte[] mac(String query, long version, int offset) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            digest.update(query.getBytes(StandardCharsets.UTF_8));
            digest.update(ByteBuffer.allocate(12).putLong(version).putInt(offset).array());
            return Arrays.copyOf(digest.digest(), MAC_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
