package io.reviewfetcher.retry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The retry schedule. Environment: RETRY_MAX_RETRIES, RETRY_INITIAL_BACKOFF_MS, RETRY_MAX_BACKOFF_MS, RETRY_BACKOFF_MULTIPLIER. */
@ConfigMapping(prefix = "retry")
public interface RetryConfig {
    /** Tries after the first; past this the work is dead-lettered. */
    @WithDefault("8")
    int maxRetries();

    /** The backoff ceiling of the first retry; each further retry multiplies it. */
    @WithDefault("500")
    long initialBackoffMs();

    @WithDefault("30000")
    long maxBackoffMs();

    @WithDefault("2.0")
    double backoffMultiplier();

    /** Pending retries held in memory; past this, consumption of fetch-retry waits instead of growing. */
    @WithDefault("10000")
    int maxPending();

    /**
     * When a held record is tried again after its re-publication or dead-lettering could not be done (the
     * broker or Redis away). Not an environment setting: tests shorten it.
     */
    @WithDefault("5000")
    long againAfterMs();

    /**
     * fetch-dlq's retention (deploy/kafka/topics.txt): how long a replay's mark on a dead letter is kept, since
     * the letter it names is gone after that. Not an environment setting: it follows the topic.
     */
    @WithDefault("30d")
    Duration dlqRetention();
}
