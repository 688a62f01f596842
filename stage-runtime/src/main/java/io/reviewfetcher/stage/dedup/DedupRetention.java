package io.reviewfetcher.stage.dedup;

import java.time.Duration;

/**
 * How long a job's claims and finished tasks stay in Redis after their last write. They only have to outlive the
 * records they guard, and Kafka keeps a stage record 7 days (deploy/kafka/topics.txt), so no record can come back
 * later; a day more is slack. Not ReviewRaw's 30 days: that is how long a consumer may keep a review, and these books
 * share a Redis with the quota bucket, which must never be refused a write (see README, "Redis memory").
 */
public final class DedupRetention {
    public static final Duration KEEP = Duration.ofDays(8);

    private DedupRetention() {
    }
}
