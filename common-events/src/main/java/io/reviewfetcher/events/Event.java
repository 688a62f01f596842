package io.reviewfetcher.events;

import java.time.Instant;

/**
 * An event on one of the contract's topics. On the wire every event also carries {@code type} and
 * {@code schema_version}; {@link EventCodec} writes and checks those from {@link EventType}.
 */
public sealed interface Event permits StageEvent, ReviewRaw, ReviewDeleted, RetryRequest, DeadLetter, JobEvent {

    String jobId();

    Instant createdAt();
}
