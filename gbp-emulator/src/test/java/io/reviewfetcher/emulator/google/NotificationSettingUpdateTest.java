package io.reviewfetcher.emulator.google;

import static io.reviewfetcher.emulator.notifications.NotificationType.GOOGLE_UPDATE;
import static io.reviewfetcher.emulator.notifications.NotificationType.NEW_REVIEW;
import static io.reviewfetcher.emulator.notifications.NotificationType.UPDATED_REVIEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reviewfetcher.emulator.EmulatorParts;
import io.reviewfetcher.emulator.google.model.ErrorBody;
import io.reviewfetcher.emulator.google.model.NotificationSettingJson;
import io.reviewfetcher.emulator.notifications.NotificationSetting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** accounts.updateNotificationSetting's mask and validation rules, and when a setting sends. */
class NotificationSettingUpdateTest {

    private static final String TOPIC = "projects/demo-project/topics/reviews";

    private final NotificationSettingUpdate update = new NotificationSettingUpdate(new EmulatorParts().errors);
    private final NotificationSetting empty = NotificationSetting.none("42");
    private final NotificationSetting on = new NotificationSetting("42", TOPIC, List.of(NEW_REVIEW, UPDATED_REVIEW));

    private static NotificationSettingJson body(String topic, String... types) {
        return new NotificationSettingJson(null, topic, types.length == 0 ? null : List.of(types));
    }

    /** The field violation of a refused update. */
    private ErrorBody.FieldViolation refused(NotificationSetting current, String mask, NotificationSettingJson body) {
        GoogleApiException e = assertThrows(GoogleApiException.class, () -> update.apply(current, mask, body));
        assertEquals(400, e.httpStatus());
        assertEquals("INVALID_ARGUMENT", e.body().error().status());
        return e.body().error().details().stream().filter(ErrorBody.BadRequest.class::isInstance)
                .map(d -> ((ErrorBody.BadRequest) d).fieldViolations().get(0)).findFirst().orElseThrow();
    }

    @Test
    void bothFieldsInTheMaskAreTaken() {
        NotificationSetting set = update.apply(empty, "pubsubTopic,notificationTypes",
                body(TOPIC, "NEW_REVIEW", "UPDATED_REVIEW"));
        assertEquals(on, set);
        assertEquals("accounts/42/notificationSetting", set.name());
        assertEquals(set, update.apply(empty, "pubsub_topic, notification_types",
                body(TOPIC, "NEW_REVIEW", "UPDATED_REVIEW")), "proto names too");
        assertEquals(set, update.apply(empty, "*", body(TOPIC, "NEW_REVIEW", "UPDATED_REVIEW")));
        assertEquals(set, update.apply(empty, "notification_setting.pubsub_topic,notificationSetting.notificationTypes",
                body(TOPIC, "NEW_REVIEW", "UPDATED_REVIEW")), "paths written from the request");
    }

    @Test
    void aFieldOutsideTheMaskIsKeptAndOneInsideButAbsentIsCleared() {
        assertEquals(List.of(NEW_REVIEW, UPDATED_REVIEW),
                update.apply(on, "pubsubTopic", body("projects/p/topics/other")).notificationTypes());
        assertEquals("projects/p/topics/other", update.apply(on, "pubsubTopic", body("projects/p/topics/other")).pubsubTopic());
        assertEquals(TOPIC, update.apply(on, "notificationTypes", body(null, "GOOGLE_UPDATE")).pubsubTopic());
        assertEquals(List.of(), update.apply(on, "notificationTypes", body(TOPIC)).notificationTypes(),
                "empty types turn notifications off");
        assertEquals("", update.apply(on, "pubsubTopic", body("")).pubsubTopic());
    }

    @Test
    void repeatedTypesCountOnce() {
        assertEquals(List.of(UPDATED_REVIEW, GOOGLE_UPDATE), update.apply(empty, "notificationTypes",
                body(null, "UPDATED_REVIEW", "GOOGLE_UPDATE", "UPDATED_REVIEW")).notificationTypes());
    }

    @Test
    void theMaskIsRequiredAndNamesOnlyUpdatableFields() {
        assertEquals(new ErrorBody.FieldViolation("update_mask", "Field is required"), refused(on, null, body(TOPIC)));
        assertEquals("update_mask", refused(on, " ", body(TOPIC)).field());
        ErrorBody.FieldViolation unknown = refused(on, "pubsubTopic,name", body(TOPIC));
        assertEquals("update_mask", unknown.field());
        assertTrue(unknown.description().contains("\"name\""), unknown.description());
    }

    @Test
    void theTopicMustBeAPubSubTopicName() {
        for (String bad : List.of("reviews", "projects/p/subscriptions/s", "projects/p/topics/", "projects//topics/t",
                "projects/p/topics/t/extra")) {
            assertEquals("notification_setting.pubsub_topic", refused(empty, "pubsubTopic", body(bad)).field(), bad);
        }
        GoogleApiException e = assertThrows(GoogleApiException.class,
                () -> update.apply(empty, "pubsubTopic", body("reviews")));
        assertEquals(new ErrorBody.ErrorInfo("INVALID_PUBSUB_TOPIC", "mybusinessnotifications.googleapis.com",
                java.util.Map.of()), e.body().error().details().get(0), "Google's own error code as the reason");
    }

    @Test
    void everyTypeMustBeKnownAndSpecified() {
        ErrorBody.FieldViolation unknown = refused(empty, "notificationTypes", body(null, "NEW_REVIEW", "DELETED_REVIEW"));
        assertEquals("notification_setting.notification_types[1]", unknown.field());
        assertTrue(unknown.description().contains("\"DELETED_REVIEW\""), unknown.description());
        assertEquals("notification_setting.notification_types[0]",
                refused(empty, "notificationTypes", body(null, "NOTIFICATION_TYPE_UNSPECIFIED")).field());
    }

    @Test
    void aNameInTheBodyMustBeTheAccountsSetting() {
        assertEquals(on, update.apply(empty, "*", new NotificationSettingJson("accounts/42/notificationSetting", TOPIC,
                List.of("NEW_REVIEW", "UPDATED_REVIEW"))));
        assertEquals("notification_setting.name", refused(empty, "*",
                new NotificationSettingJson("accounts/43/notificationSetting", TOPIC, List.of("NEW_REVIEW"))).field());
    }

    @Test
    void aSettingSendsOnlyWithATopicAndTheType() {
        assertTrue(on.sends(NEW_REVIEW));
        assertFalse(on.sends(GOOGLE_UPDATE));
        assertFalse(new NotificationSetting("42", "", List.of(NEW_REVIEW)).sends(NEW_REVIEW));
        assertFalse(new NotificationSetting("42", TOPIC, List.of()).sends(NEW_REVIEW));
        assertFalse(empty.sends(NEW_REVIEW));
    }
}
