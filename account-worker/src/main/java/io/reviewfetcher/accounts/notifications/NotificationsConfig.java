package io.reviewfetcher.accounts.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** What a job that turns notifications on asks Google for; the env names are in application.properties and the README. */
@ConfigMapping(prefix = "notifications")
public interface NotificationsConfig {

    /**
     * {@code GOOGLE_PUBSUB_TOPIC}: the Pub/Sub topic each account's notification setting names
     * ({@code projects/<project>/topics/<topic>}), whose push subscription delivers to ingress-api.
     */
    @WithDefault("projects/review-fetcher-local/topics/gbp-reviews")
    String pubsubTopic();

    /** What Google publishes: the review events this system acts on (a new review, an edited one). */
    @WithDefault("NEW_REVIEW,UPDATED_REVIEW")
    List<String> notificationTypes();
}
