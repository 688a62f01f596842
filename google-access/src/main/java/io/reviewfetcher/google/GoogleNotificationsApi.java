package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * My Business Notifications API v1 (mybusinessnotifications.googleapis.com): an account's one notification setting,
 * the Pub/Sub topic Google publishes the account's events to and which events ({@code ../shared/gbp-api.md} §5.4).
 */
@RegisterRestClient(configKey = "google-notifications")
@RegisterProvider(GoogleErrorMapper.class)
public interface GoogleNotificationsApi {
    /** The fields a PATCH replaces: both, so that one call turns notifications on, or off (both empty). */
    String UPDATE_MASK = "pubsubTopic,notificationTypes";

    @PATCH
    @Path("/v1/accounts/{accountId}/notificationSetting")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<GoogleDtos.NotificationSetting> update(@HeaderParam("Authorization") String bearer, @PathParam("accountId") String accountId,
                                               @QueryParam("updateMask") String updateMask, GoogleDtos.NotificationSetting setting);
}
