package io.reviewfetcher.ingress.jobs;

import java.util.Map;
import java.util.Set;

/**
 * What Redis holds about one job, as {@code read-status.lua} returns it.
 *
 * @param status      the job's status as the completion rule in Redis ({@code job-status.lua}) decided it
 * @param meta        submitted_at, started_at, updated_at (epoch ms)
 * @param spawned     every task some event spawned
 * @param done        every task reported done
 * @param deadReasons every task reported dead-lettered, with the reason of its first report
 * @param retries     {@code <task id>#<attempt>} of every retry scheduled
 */
public record JobSnapshot(String status, Map<String, String> meta, Set<String> spawned, Set<String> done, Map<String, String> deadReasons,
                          Set<String> retries, long accounts, long locations, long reviewsDelivered, long duplicatesSkipped) {

    public boolean exists() {
        return !meta.isEmpty();
    }
}
