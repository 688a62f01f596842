package io.reviewfetcher.ingress.push;

import io.reviewfetcher.events.ReviewNotification;

import java.time.Instant;

/**
 * One Pub/Sub push, as read by {@link PushEnvelopeReader}: the message's id (the same on every redelivery), the
 * subscription that pushed it, when Pub/Sub published it, the notification's type, and for a review notification the
 * review it names.
 *
 * @param review the review a NEW_REVIEW or UPDATED_REVIEW names; null for every other type (nothing to do)
 */
public record PushEnvelope(String messageId, String subscription, Instant publishTime, String type, NotifiedReview review) {

    /** The review Google notified, by the bare ids of its resource name {@code accounts/A/locations/L/reviews/R}. */
    public record NotifiedReview(ReviewNotification notification, String accountId, String locationId, String reviewId) {
    }
}
