package io.reviewfetcher.store;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from PostgreSQL's timestamptz, which keeps microseconds: every Instant is cut to microseconds on
 * its way in, so that what is compared and what a cursor carries is exactly what is stored.
 */
final class PgTime {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private PgTime() {
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The parameter for a timestamptz column (the client takes OffsetDateTime, not Instant). */
    static OffsetDateTime param(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }

    static Instant column(Row row, String name) {
        OffsetDateTime value = row.getOffsetDateTime(name);
        return value == null ? null : value.toInstant();
    }

    static long epochMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000);
    }

    static Instant ofEpochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
    }
}
