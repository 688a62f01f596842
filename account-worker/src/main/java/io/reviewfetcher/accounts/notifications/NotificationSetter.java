package io.reviewfetcher.accounts.notifications;

import io.reviewfetcher.google.GoogleDtos.NotificationSetting;
import io.reviewfetcher.google.GoogleNotificationsApi;
import io.reviewfetcher.google.permits.PermitGate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One account's notification setting on Google, under one permit: our topic and types, or none. A PATCH of the whole
 * setting, so setting it again (a retried page) changes nothing.
 */
@ApplicationScoped
public class NotificationSetter {
    static final String ENDPOINT = "notifications.update";

    private final GoogleNotificationsApi google;
    private final PermitGate permits;
    private final NotificationsConfig config;

    public NotificationSetter(@RestClient GoogleNotificationsApi google, PermitGate permits, NotificationsConfig config) {
        this.google = google;
        this.permits = permits;
        this.config = config;
    }

    /** What an account's setting is once {@link #set} turned notifications on ({@code on}) or off. */
    public NotificationSetting wanted(String accountId, boolean on) {
        return on ? NotificationSetting.to(accountId, config.pubsubTopic(), config.notificationTypes())
                : NotificationSetting.none(accountId);
    }

    /** Fails with Google's answer ({@link io.reviewfetcher.failures.GoogleApiException}) when Google refuses. */
    public Uni<NotificationSetting> set(String credential, String jobId, String accountId, boolean on) {
        NotificationSetting setting = wanted(accountId, on);
        return permits.callGoogle(ENDPOINT, credential, jobId,
                bearer -> google.update(bearer, accountId, GoogleNotificationsApi.UPDATE_MASK, setting));
    }
}
