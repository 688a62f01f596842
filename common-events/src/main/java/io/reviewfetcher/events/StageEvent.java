package io.reviewfetcher.events;

import java.time.Instant;

/**
 * A unit of work for one of the three workers: one page of a Google list (accounts, an account's locations,
 * a location's reviews, or the reviews of a batch of locations), or one review Google said changed. It names its credential by reference only: the access token itself never travels
 * through Kafka.
 */
public sealed interface StageEvent extends Event permits FetchAccounts, FetchLocations, FetchReviews, FetchReviewBatch,
        FetchReviewChange {

    /** A reference that token-service resolves: {@code cred:<id>} or {@code client:<client_id>}. */
    String credential();

    FetchMode mode();

    /** 0 on the first try; retry-service increments it on each re-publication. */
    int attempt();

    /** The same event, to be tried again. */
    StageEvent withAttempt(int attempt);

    /**
     * When an operator replayed this work from {@code fetch-dlq}, or null for work never replayed. A replay is a
     * generation of its own: retry-service keeps its retries apart from those of the run that was dead-lettered,
     * which had used up every attempt. Kept by {@link #withAttempt}; a next page is a task of its own, without it.
     */
    Instant replayedAt();

    /** The same work, first try, as replayed by an operator at {@code at}. */
    StageEvent replayed(Instant at);

    /** Google's {@code nextPageToken} of the previous page, or null for the first page. */
    String pageToken();

    /** 1 for the first page. */
    int pageNumber();

    /** The loop guard's fingerprint of an earlier page token of this walk, or null. */
    String pageTokenMark();

    /** The page after this one, first try. */
    StageEvent nextPage(Instant at, String nextPageToken, String nextPageTokenMark);

    /** The topic this event is consumed from. */
    default String topic() {
        return EventType.of(this).topic();
    }
}
