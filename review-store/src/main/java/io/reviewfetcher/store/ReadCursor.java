package io.reviewfetcher.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the read API ended: the last review's update_time and review_id, the keyset the next page starts
 * after. Opaque to clients: base64url of a format byte, the update_time in epoch microseconds and the review id.
 */
record ReadCursor(Instant updateTime, String reviewId) {

    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + Long.BYTES;

    String encode() {
        byte[] id = reviewId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + id.length)
                .put(FORMAT)
                .putLong(PgTime.epochMicros(updateTime))
                .put(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not a cursor this store wrote (the text is not repeated) */
    static ReadCursor decode(String cursor) {
        ByteBuffer bytes = ByteBuffer.wrap(base64(cursor));
        if (bytes.remaining() <= HEADER_BYTES || bytes.get() != FORMAT) {
            throw invalid();
        }
        Instant updateTime = PgTime.ofEpochMicros(bytes.getLong());
        return new ReadCursor(updateTime, utf8(bytes));
    }

    private static byte[] base64(String cursor) {
        try {
            return Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
    }

    private static String utf8(ByteBuffer bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException notUtf8) {
            throw invalid();
        }
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("cursor is not one this API handed out");
    }
}
