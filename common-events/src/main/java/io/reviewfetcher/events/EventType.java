package io.reviewfetcher.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event of the contract: its {@code type} on the wire, its record, its topic and its schema version.
 *
 * <p>Each type has its own version: the one this code writes and the newest it reads. A type's version is
 * raised when a reader must know of the change (a strict reader rejects an unknown field anyway, but a newer
 * version says why); consumers still on the old code then dead-letter the new records instead of misreading
 * them, while the other types' readers (downstream consumers of {@code reviews-raw}, say) are not touched.
 * Older versions stay readable ({@link EventCodec} fills in what they could not carry).
 *
 * <p>Version 2 of the three stage events: one page of every Google list per record, so {@code fetch_accounts}
 * and {@code fetch_locations} carry {@code page_token} and {@code page_number} as {@code fetch_reviews} did,
 * and all three carry {@code page_token_mark} for the loop guard. Version 2 of {@code review_raw}: {@code change}, what
 * the review is to the version delivered before (the review store). Version 2 of {@code job_event}: the counts of
 * new, updated, unchanged and deleted reviews, the location a walk left incomplete, the locations a batch task
 * finished and, of the locations the job is narrowed to, those a page of locations listed. {@code fetch_review_batch}
 * (version 1) and {@code fetch_review_change}
 * (version 1, one review Google notified) share {@code fetch-reviews} with {@code fetch_reviews}: its consumer tells them
 * apart by {@code type}.
 */
public enum EventType {
    FETCH_ACCOUNTS("fetch_accounts", FetchAccounts.class, Topics.FETCH_ACCOUNTS, 2),
    FETCH_LOCATIONS("fetch_locations", FetchLocations.class, Topics.FETCH_LOCATIONS, 2),
    FETCH_REVIEWS("fetch_reviews", FetchReviews.class, Topics.FETCH_REVIEWS, 2),
    FETCH_REVIEW_BATCH("fetch_review_batch", FetchReviewBatch.class, Topics.FETCH_REVIEWS, 1),
    FETCH_REVIEW_CHANGE("fetch_review_change", FetchReviewChange.class, Topics.FETCH_REVIEWS, 1),
    REVIEW_RAW("review_raw", ReviewRaw.class, Topics.REVIEWS_RAW, 2),
    REVIEW_DELETED("review_deleted", ReviewDeleted.class, Topics.REVIEWS_RAW, 1),
    RETRY_REQUEST("retry_request", RetryRequest.class, Topics.FETCH_RETRY, 1),
    DEAD_LETTER("dead_letter", DeadLetter.class, Topics.FETCH_DLQ, 1),
    JOB_EVENT("job_event", JobEvent.class, Topics.JOB_EVENTS, 2);

    private final String wireName;
    private final Class<? extends Event> recordClass;
    private final String topic;
    private final int schemaVersion;

    EventType(String wireName, Class<? extends Event> recordClass, String topic, int schemaVersion) {
        this.wireName = wireName;
        this.recordClass = recordClass;
        this.topic = topic;
        this.schemaVersion = schemaVersion;
    }

    /** The version this code writes for this type, and the newest it reads. */
    public int schemaVersion() {
        return schemaVersion;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Event> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    public static EventType of(Event event) {
        return Arrays.stream(values()).filter(t -> t.recordClass == event.getClass()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event of the contract: " + event.getClass()));
    }
}
