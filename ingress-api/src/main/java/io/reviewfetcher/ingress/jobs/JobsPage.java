package io.reviewfetcher.ingress.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of the job list ({@link JobList}; {@code GET /api/v1/review-fetch} without schedule_id): jobs, newest first. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "JobsPage")
public record JobsPage(
        @Schema(description = "the jobs that match, newest first (by submitted_at); fewer than limit, even none, when the scan "
                + "bound was reached first: then next_cursor goes on")
        List<JobStatus> jobs,
        @Schema(description = "where to go on from (the cursor parameter of the next call); null once the list is at its end",
                nullable = true)
        @JsonProperty("next_cursor") String nextCursor) {
}
