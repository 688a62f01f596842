package io.reviewfetcher.events;

/**
 * A unit of work for one of the three workers. It names its credential by reference only: the
 * access token itself never travels through Kafka.
 */
public sealed interface StageEvent extends Event permits FetchAccounts, FetchLocations, FetchReviews {

    /** A reference that token-service resolves: {@code cred:<id>} or {@code client:<client_id>}. */
    String credential();

    FetchMode mode();

    /** 0 on the first try; retry-service increments it on each re-publication. */
    int attempt();

    /** The same event, to be tried again. */
    StageEvent withAttempt(int attempt);

    /** The topic this event is consumed from. */
    default String topic() {
        return EventType.of(this).topic();
    }
}
