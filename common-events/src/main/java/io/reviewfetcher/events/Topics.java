package io.reviewfetcher.events;

/** The Kafka topics of the contract. Every record is keyed by {@code job_id}. */
public final class Topics {
    public static final String FETCH_ACCOUNTS = "fetch-accounts";
    public static final String FETCH_LOCATIONS = "fetch-locations";
    public static final String FETCH_REVIEWS = "fetch-reviews";
    public static final String REVIEWS_RAW = "reviews-raw";
    public static final String FETCH_RETRY = "fetch-retry";
    public static final String FETCH_DLQ = "fetch-dlq";
    public static final String JOB_EVENTS = "job-events";

    private Topics() {
    }
}
