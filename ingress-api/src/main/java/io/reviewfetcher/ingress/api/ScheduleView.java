package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.ingress.schedules.IntervalRules;
import io.reviewfetcher.ingress.schedules.Schedule;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A schedule as the schedule API answers it. Inside a {@code Response}, hence registered for reflection (native). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Schedule", description = "A schedule of syncs of one managed client")
public record ScheduleView(
        @Schema(description = "the schedule's id (a UUID)") String id,
        @JsonProperty("client_id") String clientId,
        @Schema(description = "the accounts its jobs are narrowed to; null for every account", nullable = true)
        @JsonProperty("account_ids") List<String> accountIds,
        @Schema(description = "the locations its jobs are narrowed to; null for every location", nullable = true)
        @JsonProperty("location_ids") List<String> locationIds,
        @Schema(description = "ISO-8601 duration between incremental runs (whole days as P1D); null for none", example = "PT15M", nullable = true)
        @JsonProperty("incremental_every") String incrementalEvery,
        @Schema(description = "ISO-8601 duration between full runs; null for none", example = "P1D", nullable = true)
        @JsonProperty("full_every") String fullEvery,
        @Schema(description = "a paused schedule starts no run; its due times stay, so resuming runs what fell due meanwhile once, at once")
        boolean paused,
        @Schema(description = "when the next incremental run is due (the poll after it starts it); null without incremental runs", nullable = true)
        @JsonProperty("next_incremental_at") Instant nextIncrementalAt,
        @Schema(description = "when the next full run is due; a run due for both is one full run", nullable = true)
        @JsonProperty("next_full_at") Instant nextFullAt,
        @JsonProperty("created_at") Instant createdAt,
        @Schema(description = "the last change through this API")
        @JsonProperty("updated_at") Instant updatedAt,
        @Schema(description = "runs started: jobs submitted")
        @JsonProperty("runs_started") long runsStarted,
        @Schema(description = "runs skipped because the schedule's previous run was still going")
        @JsonProperty("runs_skipped") long runsSkipped,
        @Schema(description = "the job of the last run started; null before the first", nullable = true)
        @JsonProperty("last_job_id") String lastJobId,
        @Schema(description = "when the last run started", nullable = true)
        @JsonProperty("last_run_at") Instant lastRunAt,
        @Schema(description = "the jobs this schedule started, newest first")
        @JsonProperty("jobs_url") String jobsUrl) {

    public static ScheduleView of(Schedule schedule) {
        return new ScheduleView(schedule.id(), schedule.clientId(), schedule.accountIds(), schedule.locationIds(),
                IntervalRules.text(schedule.incrementalEvery()), IntervalRules.text(schedule.fullEvery()), schedule.paused(),
                schedule.nextIncrementalAt(), schedule.nextFullAt(), schedule.createdAt(), schedule.updatedAt(),
                schedule.runsStarted(), schedule.runsSkipped(), schedule.lastJobId(), schedule.lastRunAt(),
                ReviewFetchResource.PATH + "?schedule_id=" + schedule.id());
    }
}
