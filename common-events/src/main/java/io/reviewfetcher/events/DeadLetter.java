package io.reviewfetcher.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.List;

/**
 * Work that will not be retried ({@code fetch-dlq}): a permanent failure, exhausted retries, or a poison
 * record that could not be read at all.
 *
 * @param jobId       the job, or {@link #UNKNOWN_JOB} for a poison record that names none ({@link UnreadableRecord})
 * @param sourceTopic the topic the work was consumed from
 * @param reason      why it was dead-lettered, for operators
 * @param event       the stage event to replay, or null for a poison record
 * @param failures    the attempts and their causes, oldest first (empty for a poison record)
 * @param poison      where the unreadable record sits, or null when {@code event} is set
 */
public record DeadLetter(String jobId, Instant createdAt, String sourceTopic, String reason, @JsonSerialize(using = EventCodec.NestedStageEventSerializer.class)
        @JsonDeserialize(using = EventCodec.NestedStageEventDeserializer.class) StageEvent event,
                         List<Failure> failures, PoisonRecord poison) implements Event {

    public static final String UNKNOWN_JOB = "unknown";

    public DeadLetter {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.requiredText(sourceTopic, "source_topic");
        Fields.requiredText(reason, "reason");
        failures = Fields.copy(failures, "failures");
        if ((event == null) == (poison == null)) {
            throw new EventFormatException("event", "exactly one of event and poison must be set");
        }
    }

    /**
     * The position and fingerprint of a record that could not be decoded. Its bytes are not copied: an
     * unreadable record may hold anything, a secret included; operators read it at its offset.
     */
    public record PoisonRecord(int partition, long offset, String valueSha256, int valueBytes) {
        public PoisonRecord {
            Fields.atLeast(partition, 0, "partition");
            Fields.requiredText(valueSha256, "value_sha256");
        }
    }
}
