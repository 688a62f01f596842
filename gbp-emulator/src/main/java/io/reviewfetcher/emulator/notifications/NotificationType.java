package io.reviewfetcher.emulator.notifications;

import java.util.Optional;

/**
 * Google's NotificationType (My Business Notifications API v1). Every type can be set; the emulator publishes only
 * the two about reviews. Google has no type for a deleted review.
 */
public enum NotificationType {
    NOTIFICATION_TYPE_UNSPECIFIED,
    GOOGLE_UPDATE,
    NEW_REVIEW,
    UPDATED_REVIEW,
    NEW_CUSTOMER_MEDIA,
    NEW_QUESTION,
    UPDATED_QUESTION,
    NEW_ANSWER,
    UPDATED_ANSWER,
    DUPLICATE_LOCATION,
    LOSS_OF_VOICE_OF_MERCHANT,
    VOICE_OF_MERCHANT_UPDATED;

    /** The type of that name; empty for an unknown name. */
    public static Optional<NotificationType> named(String name) {
        for (NotificationType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
