package io.reviewfetcher.google;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.support.logging.JobLog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The items of a list page Google answered without a resource name ({@link GoogleDtos#idOrNull}): with no id
 * there is no task to fan out to, and a retry would get the same page, so each is skipped alone and the rest
 * of its page goes on. Counted in {@code stage_list_items_skipped_total{endpoint,cause="no_name"}} and logged
 * by job and task only: the item's other fields are Google's data, not ids.
 */
@ApplicationScoped
public class NamelessItems {
    private final MeterRegistry metrics;

    public NamelessItems(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** Records that {@code count} items of {@code page} were skipped; nothing when there were none. */
    public void skipped(StageEvent page, String endpoint, int count) {
        if (count == 0) {
            return;
        }
        metrics.counter("stage.list.items.skipped", "endpoint", endpoint, "cause", "no_name").increment(count);
        JobLog.warn(page.jobId(), JobLog.Position.NONE, "%s: %d item(s) of %s page %d without a name skipped",
                TaskIds.of(page), count, endpoint, page.pageNumber());
    }
}
