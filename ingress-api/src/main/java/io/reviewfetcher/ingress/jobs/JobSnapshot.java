package io.reviewfetcher.ingress.jobs;

import java.util.Map;
import java.util.Set;

/**
 * What Redis holds about one job, as {@code read-status.lua} returns it.
 *
 * @param status             the job's status as the completion rule in Redis ({@code job-status.lua}) decided it
 * @param meta               submitted_at, started_at, updated_at (epoch ms); root, the task the submission spawned
 * @param spawned            every task some event spawned
 * @param done               every task reported done
 * @param deadReasons        every task reported dead-lettered, with the reason of its first report
 * @param retries            {@code <task id>#<attempt>} of every retry scheduled
 * @param changes            the sums of what each task's first done report said the reviews it delivered were
 * @param batchLocationsDone the sum of the locations each batch task ({@code reviews-batch:…}) reported finished
 * @param incomplete         each location whose walk ended short of Google's count, by its latest report
 * @param notListed          the locations the job is narrowed to that no listing page has listed (so far)
 */
public record JobSnapshot(String status, Map<String, String> meta, Set<String> spawned, Set<String> done, Map<String, String> deadReasons,
                          Set<String> retries, long accounts, long locations, long reviewsDelivered, long duplicatesSkipped,
                          ReviewChanges changes, long batchLocationsDone, Map<String, Shortfall> incomplete,
                          Set<String> notListed) {

    public boolean exists() {
        return !meta.isEmpty();
    }

    /** Of the reviews delivered: never delivered before, edited since, delivered before as they are; and those found deleted. */
    public record ReviewChanges(long reviewsNew, long reviewsUpdated, long reviewsUnchanged, long reviewsDeleted) {
        public static final ReviewChanges NONE = new ReviewChanges(0, 0, 0, 0);
    }

    /** Reviews Google counts for a location and the distinct ones its walks delivered. */
    public record Shortfall(int expected, int delivered) {

        /** A location's report as {@code apply-event.lua} keeps it: {@code <created_at ms>:<expected>:<delivered>}. */
        public static Shortfall parse(String stored) {
            String[] parts = stored.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not an incomplete location as apply-event.lua stores it");
            }
            return new Shortfall(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        }
    }
}
