package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.ingress.schedules.ScheduledRun;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer of {@code GET /api/v1/review-fetch?schedule_id=…}: the jobs a schedule started, newest first. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "ScheduledJobsPage")
public record ScheduledJobsPage(@JsonProperty("schedule_id") String scheduleId, List<Job> jobs) {

    /** One scheduled run's job; its status is at status_url, as any job's. */
    @RegisterForReflection
    @Schema(name = "ScheduledJob")
    public record Job(
            @JsonProperty("job_id") String jobId,
            @Schema(enumeration = {"schedule:full", "schedule:incremental"}) String trigger,
            @Schema(description = "the due time the run was for") @JsonProperty("due_at") Instant dueAt,
            @Schema(description = "when the run was claimed and its job submitted") @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("status_url") String statusUrl) {
    }

    static ScheduledJobsPage of(String scheduleId, List<ScheduledRun> runs) {
        return new ScheduledJobsPage(scheduleId, runs.stream()
                .map(run -> new Job(run.jobId(), run.trigger().wire(), run.dueAt(), run.startedAt(),
                        ReviewFetchResource.PATH + "/" + run.jobId()))
                .toList());
    }
}
