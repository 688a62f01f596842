package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.emulator.notifications.NotificationSetting;
import java.util.List;

/**
 * NotificationSetting (My Business Notifications API v1), answered and read. Types stay strings here so that an
 * unknown one is refused with a field violation naming it, not a parse error. Proto3 JSON parsers take the proto
 * names too, hence the aliases.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NotificationSettingJson(
        String name,
        @JsonAlias("pubsub_topic") String pubsubTopic,
        @JsonAlias("notification_types") List<String> notificationTypes) {

    public static NotificationSettingJson of(NotificationSetting setting) {
        return new NotificationSettingJson(setting.name(), setting.pubsubTopic(),
                setting.notificationTypes().stream().map(Enum::name).toList());
    }
}
