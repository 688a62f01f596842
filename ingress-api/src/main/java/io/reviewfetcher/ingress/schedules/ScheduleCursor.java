package io.reviewfetcher.ingress.schedules;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the schedule list ended: the last schedule's created_at and id, the keyset the next page starts
 * after. Opaque to clients: base64url of a format byte, created_at in epoch microseconds and the id's 16 bytes.
 */
record ScheduleCursor(Instant createdAt, UUID id) {

    private static final byte FORMAT = 1;
    private static final int LENGTH = 1 + Long.BYTES * 3;

    String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH).put(FORMAT).putLong(micros)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not a cursor this store wrote (the text is not repeated) */
    static ScheduleCursor decode(String cursor) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        if (raw.length != LENGTH || bytes.get() != FORMAT) {
            throw invalid();
        }
        long micros = bytes.getLong();
        Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new ScheduleCursor(createdAt, new UUID(bytes.getLong(), bytes.getLong()));
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("cursor is not one this API handed out");
    }
}
