package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.ingress.schedules.SchedulePage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code GET /api/v1/schedules}: schedules, newest first. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "SchedulesPage")
public record SchedulesPage(
        List<ScheduleView> schedules,
        @Schema(description = "the cursor of the next page; null on the last", nullable = true)
        @JsonProperty("next_cursor") String nextCursor) {

    static SchedulesPage of(SchedulePage page) {
        return new SchedulesPage(page.schedules().stream().map(ScheduleView::of).toList(), page.nextCursor());
    }
}
