package io.reviewfetcher.ingress.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The bodies of the schedule API, for the OpenAPI document only: they are read as JSON trees by
 * {@link io.reviewfetcher.ingress.schedules.ScheduleBodyReader}, which tells a field left out from one set to null.
 */
final class ScheduleRequests {

    private ScheduleRequests() {
    }

    @Schema(name = "ScheduleRequest", description = "A schedule of syncs of a managed client: at least one of incremental_every "
            + "and full_every. Each kind of run it has is first due at once (a run due for both is one full run).")
    record Create(
            @Schema(required = true, description = "a client whose Google grant token-service manages (letters, digits, _ and -)",
                    example = "acme-reviews") String clientId,
            @Schema(description = "bare account ids to narrow its jobs to; omit for every account") List<String> accountIds,
            @Schema(description = "bare location ids to narrow its jobs to; omit for every location") List<String> locationIds,
            @Schema(description = "ISO-8601 duration between incremental runs, at least PT5M (ingress.schedules.min-incremental-every)",
                    example = "PT15M") String incrementalEvery,
            @Schema(description = "ISO-8601 duration between full runs, at least PT1H (ingress.schedules.min-full-every); at most P366D",
                    example = "P1D") String fullEvery,
            @Schema(description = "create it paused", defaultValue = "false") Boolean paused) {
    }

    @Schema(name = "SchedulePatch", description = "The fields to change; a field left out stays. An interval set to null stops "
            + "that kind of run (one must remain); a scope set to null widens the jobs to every account or location. A changed "
            + "interval counts from the change. client_id cannot change.")
    record Patch(
            @Schema(description = "true pauses, false resumes (a run that fell due meanwhile runs once, at once)") Boolean paused,
            @Schema(description = "ISO-8601 duration, at least PT5M; null for no incremental runs", nullable = true) String incrementalEvery,
            @Schema(description = "ISO-8601 duration, at least PT1H; null for no full runs", nullable = true) String fullEvery,
            @Schema(description = "bare account ids; null for every account", nullable = true) List<String> accountIds,
            @Schema(description = "bare location ids; null for every location", nullable = true) List<String> locationIds) {
    }
}
