package io.reviewfetcher.events;

import java.util.Arrays;
import java.util.Optional;

/** Every event of the contract: its {@code type} on the wire, its record, its topic and schema version. */
public enum EventType {
    FETCH_ACCOUNTS("fetch_accounts", FetchAccounts.class, Topics.FETCH_ACCOUNTS),
    FETCH_LOCATIONS("fetch_locations", FetchLocations.class, Topics.FETCH_LOCATIONS),
    FETCH_REVIEWS("fetch_reviews", FetchReviews.class, Topics.FETCH_REVIEWS),
    REVIEW_RAW("review_raw", ReviewRaw.class, Topics.REVIEWS_RAW),
    RETRY_REQUEST("retry_request", RetryRequest.class, Topics.FETCH_RETRY),
    DEAD_LETTER("dead_letter", DeadLetter.class, Topics.FETCH_DLQ),
    JOB_EVENT("job_event", JobEvent.class, Topics.JOB_EVENTS);

    /**
     * The schema version this code writes and the newest it reads. Raise it on an incompatible change;
     * consumers still on the old code then dead-letter the new records instead of misreading them.
     */
    public static final int SCHEMA_VERSION = 1;

    private final String wireName;
    private final Class<? extends Event> recordClass;
    private final String topic;

    EventType(String wireName, Class<? extends Event> recordClass, String topic) {
        this.wireName = wireName;
        this.recordClass = recordClass;
        this.topic = topic;
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
