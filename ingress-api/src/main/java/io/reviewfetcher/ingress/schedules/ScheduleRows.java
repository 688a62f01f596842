package io.reviewfetcher.ingress.schedules;

import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** A {@code scheduling.schedules} row to and from a {@link Schedule}; instants at PostgreSQL's microseconds. */
final class ScheduleRows {

    static final String COLUMNS = """
            id, client_id, account_ids, location_ids, incremental_every_s, full_every_s, paused, next_incremental_at,
            next_full_at, created_at, updated_at, runs_started, runs_skipped, last_job_id, last_run_at""";

    private ScheduleRows() {
    }

    static Schedule schedule(Row row) {
        UUID lastJob = row.getUUID("last_job_id");
        return new Schedule(row.getUUID("id").toString(), row.getString("client_id"),
                strings(row, "account_ids"), strings(row, "location_ids"),
                seconds(row, "incremental_every_s"), seconds(row, "full_every_s"), row.getBoolean("paused"),
                instant(row, "next_incremental_at"), instant(row, "next_full_at"),
                instant(row, "created_at"), instant(row, "updated_at"),
                row.getLong("runs_started"), row.getLong("runs_skipped"),
                lastJob == null ? null : lastJob.toString(), instant(row, "last_run_at"));
    }

    /** The parameter for a timestamptz column (the client takes OffsetDateTime, not Instant). */
    static OffsetDateTime param(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Long seconds(Duration every) {
        return every == null ? null : every.getSeconds();
    }

    static String[] array(List<String> ids) {
        return ids == null ? null : ids.toArray(String[]::new);
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static Duration seconds(Row row, String column) {
        Long seconds = row.getLong(column);
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }

    private static List<String> strings(Row row, String column) {
        String[] values = row.getArrayOfStrings(column);
        return values == null ? null : List.of(values);
    }
}
