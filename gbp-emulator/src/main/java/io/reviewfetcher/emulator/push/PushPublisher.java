package io.reviewfetcher.emulator.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.data.Location;
import io.reviewfetcher.emulator.data.Review;
import io.reviewfetcher.emulator.notifications.NotificationSetting;
import io.reviewfetcher.emulator.notifications.NotificationSettings;
import io.reviewfetcher.emulator.notifications.NotificationType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Google's side of review notifications: a review written or edited on a location becomes one Pub/Sub message when
 * the location's owning account has a notification setting with a topic and that type. Names are v4 names under
 * that account. Deletions send nothing: Google has no notification for them.
 */
@ApplicationScoped
public class PushPublisher {

    private final NotificationSettings settings;
    private final PushDelivery delivery;
    private final EmulatorClock clock;
    private final ObjectMapper mapper;
    private final String subscription;
    /**
     * Pub/Sub message ids are decimal strings. Starting from the start time in microseconds keeps them unique across
     * restarts, so a receiver that remembers ids never mistakes a new message for a redelivery.
     */
    private final AtomicLong messageIds;

    public PushPublisher(NotificationSettings settings, PushDelivery delivery, EmulatorClock clock,
                         ObjectMapper mapper, EmulatorConfig config) {
        this.settings = settings;
        this.delivery = delivery;
        this.clock = clock;
        this.mapper = mapper;
        this.subscription = config.push().subscription();
        Instant start = Instant.now();
        this.messageIds = new AtomicLong(start.getEpochSecond() * 1_000_000 + start.getNano() / 1_000);
    }

    public void reviewWritten(Location location, Review review) {
        publish(location, review, NotificationType.NEW_REVIEW);
    }

    /** An author's edit or an owner's reply alike. */
    public void reviewEdited(Location location, Review review) {
        publish(location, review, NotificationType.UPDATED_REVIEW);
    }

    private void publish(Location location, Review review, NotificationType type) {
        String accountId = location.ownerAccountId();
        NotificationSetting setting = settings.of(accountId);
        if (!delivery.enabled() || !setting.sends(type)) {
            return;
        }
        // Published right after the change: never earlier than it, as Pub/Sub's publish time never is.
        Instant publishTime = clock.now();
        String locationName = location.v4Name(accountId);
        String reviewName = locationName + "/reviews/" + review.reviewId();
        String messageId = Long.toString(messageIds.incrementAndGet());
        byte[] data = json(new PushEnvelope.Notification(type.name(), reviewName, locationName));
        String time = publishTime.toString();
        PushEnvelope envelope = new PushEnvelope(new PushEnvelope.Message(Map.of("type", type.name()),
                Base64.getEncoder().encodeToString(data), messageId, messageId, time, time), subscription);
        delivery.deliver(new PushMessage(messageId, type, reviewName, locationName, publishTime, json(envelope)));
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass(), e);
        }
    }
}
