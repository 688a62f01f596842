package io.reviewfetcher.emulator.google;

/** The Google API methods the emulator serves; every one of them counts against the project quota. */
public enum GoogleEndpoint {
    ACCOUNTS_LIST("accounts.list", "mybusinessaccountmanagement.googleapis.com",
            "google.mybusiness.accountmanagement.v1.AccessControl.ListAccounts"),
    LOCATIONS_LIST("locations.list", "mybusinessbusinessinformation.googleapis.com",
            "google.mybusiness.businessinformation.v1.Locations.ListLocations"),
    REVIEWS_LIST("reviews.list", "mybusiness.googleapis.com", "google.mybusiness.v4.Reviews.ListReviews"),
    REVIEWS_GET("reviews.get", "mybusiness.googleapis.com", "google.mybusiness.v4.Reviews.GetReview"),
    BATCH_GET_REVIEWS("locations.batchGetReviews", "mybusiness.googleapis.com",
            "google.mybusiness.v4.Locations.BatchGetReviews"),
    GET_NOTIFICATION_SETTING("accounts.getNotificationSetting", "mybusinessnotifications.googleapis.com",
            "google.mybusiness.notifications.v1.NotificationSettings.GetNotificationSetting"),
    UPDATE_NOTIFICATION_SETTING("accounts.updateNotificationSetting", "mybusinessnotifications.googleapis.com",
            "google.mybusiness.notifications.v1.NotificationSettings.UpdateNotificationSetting");

    /** Name used in stats and in the faults' {@code endpoints} filter. */
    public final String id;
    /** The Google service (host) that owns the method; appears in error metadata. */
    public final String service;
    public final String method;

    GoogleEndpoint(String id, String service, String method) {
        this.id = id;
        this.service = service;
        this.method = method;
    }

    /** API title as Google prints it in SERVICE_DISABLED messages. */
    public String title() {
        return switch (this) {
            case ACCOUNTS_LIST -> "My Business Account Management API";
            case LOCATIONS_LIST -> "My Business Business Information API";
            case GET_NOTIFICATION_SETTING, UPDATE_NOTIFICATION_SETTING -> "My Business Notifications API";
            default -> "Google My Business API";
        };
    }
}
