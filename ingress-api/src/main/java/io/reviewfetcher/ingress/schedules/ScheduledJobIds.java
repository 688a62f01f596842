package io.reviewfetcher.ingress.schedules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The job id of a scheduled run: a name-based UUID (RFC 4122 version 3) of the schedule, the trigger and the due
 * time. A pod that publishes the job and dies before its claim commits leaves the run due; whichever pod claims it
 * next publishes the same job id again, which the pipeline takes as a redelivery of the same job (its task ids and
 * status are the job id's), never as a second job.
 */
public final class ScheduledJobIds {

    private ScheduledJobIds() {
    }

    public static String of(String scheduleId, Trigger trigger, Instant dueAt) {
        // Microseconds: the due time as PostgreSQL keeps it, so every pod that reads it names the same job.
        long micros = Math.addExact(Math.multiplyExact(dueAt.getEpochSecond(), 1_000_000L), dueAt.getNano() / 1_000);
        String name = "review-fetcher:schedule:" + scheduleId + ":" + trigger.wire() + ":" + micros;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
