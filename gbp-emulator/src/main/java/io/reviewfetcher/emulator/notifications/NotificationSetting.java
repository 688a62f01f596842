package io.reviewfetcher.emulator.notifications;

import java.util.List;

/**
 * One account's notification setting as last written: the topic (empty = none) and the types, in the order given.
 * Google sends nothing unless both are set.
 */
public record NotificationSetting(String accountId, String pubsubTopic, List<NotificationType> notificationTypes) {

    public NotificationSetting {
        pubsubTopic = pubsubTopic == null ? "" : pubsubTopic;
        notificationTypes = List.copyOf(notificationTypes);
    }

    /** What an account has before anyone wrote its setting. */
    public static NotificationSetting none(String accountId) {
        return new NotificationSetting(accountId, "", List.of());
    }

    public String name() {
        return "accounts/" + accountId + "/notificationSetting";
    }

    /** Whether a notification of this type goes to the topic. */
    public boolean sends(NotificationType type) {
        return !pubsubTopic.isEmpty() && notificationTypes.contains(type);
    }
}
