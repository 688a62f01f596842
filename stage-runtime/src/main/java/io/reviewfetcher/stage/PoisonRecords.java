package io.reviewfetcher.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.EventFormatException;
import io.reviewfetcher.events.UnreadableRecord;
import io.reviewfetcher.support.logging.JobLog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What a record that does not decode becomes: a dead letter with its position, size and SHA-256, not its bytes (they
 * might hold a token), and, when the record still names its job and task ({@link UnreadableRecord}), the job event
 * that closes that task as dead-lettered, so the job ends ({@code completed_with_errors}, or {@code failed} for its
 * root task) with the reason instead of waiting for a task nobody will work. When the task cannot be told, no job
 * event is made and that job stays {@code running}: a guessed task id could close a task still to be worked, or fail
 * a job whose first page is done. Its dead letter names the job wherever the job is known.
 */
final class PoisonRecords {
    private final MeterRegistry metrics;

    PoisonRecords(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** The events the record read at {@code position} is settled with: its dead letter, and its task's end when it names it. */
    List<Event> settledWith(byte[] payload, UnreadableRecord clues, JobLog.Position position, EventFormatException why) {
        metrics.counter("stage.records.poison", "topic", position.topic()).increment();
        byte[] value = payload == null ? new byte[0] : payload;
        String job = clues.jobId() == null ? DeadLetter.UNKNOWN_JOB : clues.jobId();
        String reason = "unreadable record: " + why.getMessage();
        DeadLetter letter = new DeadLetter(job, Instant.now(), position.topic(), reason, null, List.of(),
                new DeadLetter.PoisonRecord(position.partition(), position.offset(), sha256(value), value.length));
        if (!clues.namesTask()) {
            JobLog.warn(job, position, "poison record dead-lettered; it names no task, so its job cannot be told: %s",
                    why.getMessage());
            return List.of(letter);
        }
        JobLog.warn(job, position, "poison record dead-lettered, its task %s with it: %s", clues.taskId(), why.getMessage());
        return List.of(letter, JobEvents.unreadable(clues, reason));
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
