package io.reviewfetcher.ingress.schedules;

import java.time.Duration;
import java.util.List;

/**
 * A checked {@code POST /api/v1/schedules} body: at least one interval, each within the {@link IntervalRules}.
 * Each kind the schedule has is first due at its creation (a run due for both is one full run), so a new schedule
 * starts with fresh reviews instead of waiting a whole interval.
 */
public record NewSchedule(String clientId, List<String> accountIds, List<String> locationIds,
                          Duration incrementalEvery, Duration fullEvery, boolean paused) {
}
