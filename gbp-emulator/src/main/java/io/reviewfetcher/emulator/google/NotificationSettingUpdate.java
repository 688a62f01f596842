package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.google.model.NotificationSettingJson;
import io.reviewfetcher.emulator.notifications.NotificationSetting;
import io.reviewfetcher.emulator.notifications.NotificationType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * accounts.updateNotificationSetting's rules: {@code updateMask} is required and names the fields taken from the
 * body (a field in the mask but absent from the body is cleared, one outside the mask is kept); the topic must be a
 * Pub/Sub topic name; every type must be a known, specified NotificationType.
 */
@ApplicationScoped
public class NotificationSettingUpdate {

    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");
    private static final Set<String> TOPIC_PATHS = Set.of("pubsubTopic", "pubsub_topic");
    private static final Set<String> TYPES_PATHS = Set.of("notificationTypes", "notification_types");

    private final GoogleErrors errors;

    public NotificationSettingUpdate(GoogleErrors errors) {
        this.errors = errors;
    }

    /** The setting after the update; throws 400 INVALID_ARGUMENT naming the first bad field. */
    public NotificationSetting apply(NotificationSetting current, String updateMask, NotificationSettingJson body) {
        if (updateMask == null || updateMask.isBlank()) {
            throw errors.invalidArgument("update_mask", "Field is required");
        }
        boolean topic = false;
        boolean types = false;
        for (String raw : updateMask.split(",")) {
            String path = relative(raw.trim());
            if (path.equals("*")) {
                topic = types = true;
            } else if (TOPIC_PATHS.contains(path)) {
                topic = true;
            } else if (TYPES_PATHS.contains(path)) {
                types = true;
            } else {
                throw errors.invalidArgument("update_mask", "Invalid field mask path: \"" + raw.trim()
                        + "\". Only pubsub_topic and notification_types can be updated.");
            }
        }
        if (body.name() != null && !body.name().isEmpty() && !body.name().equals(current.name())) {
            throw errors.invalidArgument("notification_setting.name",
                    "The name must be " + current.name() + ", the setting of the account in the path.");
        }
        String newTopic = topic ? topic(body.pubsubTopic()) : current.pubsubTopic();
        List<NotificationType> newTypes = types ? types(body.notificationTypes()) : current.notificationTypes();
        return new NotificationSetting(current.accountId(), newTopic, newTypes);
    }

    /** Mask paths may also be written from the request: {@code notification_setting.pubsub_topic}. */
    private static String relative(String path) {
        for (String prefix : List.of("notificationSetting.", "notification_setting.")) {
            if (path.startsWith(prefix)) {
                return path.substring(prefix.length());
            }
        }
        return path;
    }

    private String topic(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "";
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw errors.invalidArgument(GoogleEndpoint.UPDATE_NOTIFICATION_SETTING, "INVALID_PUBSUB_TOPIC",
                    "notification_setting.pubsub_topic", "Invalid Pub/Sub topic name: \"" + topic
                            + "\". Expected projects/{project}/topics/{topic}.");
        }
        return topic;
    }

    private List<NotificationType> types(List<String> names) {
        if (names == null) {
            return List.of();
        }
        Set<NotificationType> types = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            NotificationType type = NotificationType.named(name).orElse(null);
            String field = "notification_setting.notification_types[" + i + "]";
            if (type == NotificationType.NOTIFICATION_TYPE_UNSPECIFIED) {
                throw errors.invalidArgument(field, "NOTIFICATION_TYPE_UNSPECIFIED matches no notification.");
            }
            if (type == null) {
                throw errors.invalidArgument(field, "Invalid value at 'notification_setting.notification_types[" + i + "]' "
                                + "(type.googleapis.com/google.mybusiness.notifications.v1.NotificationType), \""
                                + name + "\"");
            }
            types.add(type);
        }
        return new ArrayList<>(types);
    }
}
