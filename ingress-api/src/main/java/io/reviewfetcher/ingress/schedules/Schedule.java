package io.reviewfetcher.ingress.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A stored schedule. A kind of run the schedule has (an interval) has its next due time, the other has neither.
 * While paused, the due times stay where they were: resuming runs a run that fell due meanwhile once, at once.
 *
 * @param accountIds        the job's account_ids, null for every account
 * @param locationIds       the job's location_ids, null for every location
 * @param incrementalEvery  null when the schedule has no incremental runs
 * @param fullEvery         null when the schedule has no full runs
 * @param lastJobId         the job of the last run started, null before the first
 */
public record Schedule(String id, String clientId, List<String> accountIds, List<String> locationIds,
                       Duration incrementalEvery, Duration fullEvery, boolean paused,
                       Instant nextIncrementalAt, Instant nextFullAt, Instant createdAt, Instant updatedAt,
                       long runsStarted, long runsSkipped, String lastJobId, Instant lastRunAt) {
}
