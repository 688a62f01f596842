package io.reviewfetcher.emulator.push;

import io.reviewfetcher.emulator.notifications.NotificationType;
import java.time.Instant;

/**
 * One Pub/Sub message about one review: what the log shows and the push envelope's bytes, the same on every
 * attempt and on a duplicate.
 */
public record PushMessage(String messageId, NotificationType type, String reviewName, String locationName,
                          Instant publishTime, byte[] envelope) {
}
