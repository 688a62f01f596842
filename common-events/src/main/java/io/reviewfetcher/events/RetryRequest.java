package io.reviewfetcher.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.List;

/**
 * A stage event that failed, for retry-service ({@code fetch-retry}).
 *
 * @param event    the event as it was consumed; its {@code attempt} is the attempt that failed
 * @param failures every failure of this unit of work so far, oldest first, the latest last
 */
public record RetryRequest(String jobId, Instant createdAt, @JsonSerialize(using = EventCodec.NestedStageEventSerializer.class)
        @JsonDeserialize(using = EventCodec.NestedStageEventDeserializer.class) StageEvent event, List<Failure> failures)
        implements Event {

    public RetryRequest {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.required(event, "event");
        failures = Fields.copy(failures, "failures");
        if (failures.isEmpty()) {
            throw new EventFormatException("failures", "must name at least the latest failure");
        }
    }

    public Failure latest() {
        return failures.get(failures.size() - 1);
    }
}
