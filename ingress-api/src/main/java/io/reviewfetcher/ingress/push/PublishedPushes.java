package io.reviewfetcher.ingress.push;

import io.smallrye.mutiny.Uni;

/**
 * The pushed messages already published, by job id ({@link PushJobIds}), so that Pub/Sub's redelivery of one is answered
 * 204 without publishing it again. A message is remembered only after its records are on Kafka: one whose publish failed,
 * or whose pod died before it was remembered, is published again when redelivered (at least once; review-worker skips a
 * review it already holds as recent).
 */
public interface PublishedPushes {

    Uni<Boolean> wasPublished(String jobId);

    Uni<Void> remember(String jobId);
}
