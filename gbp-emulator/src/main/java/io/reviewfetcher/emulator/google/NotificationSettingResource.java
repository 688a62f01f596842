package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.google.model.NotificationSettingJson;
import io.reviewfetcher.emulator.notifications.NotificationSetting;
import io.reviewfetcher.emulator.notifications.NotificationSettings;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * My Business Notifications API v1: {@code accounts.getNotificationSetting} and
 * {@code accounts.updateNotificationSetting}, one setting per account. Where the setting sends review notifications,
 * review changes made through the admin paths are pushed (see the push package).
 */
@Path("/v1/accounts/{accountId}/notificationSetting")
public class NotificationSettingResource {

    private final GoogleApiGate gate;
    private final LocationAccess access;
    private final NotificationSettings settings;
    private final NotificationSettingUpdate update;
    private final RequestParams params;
    private final GoogleJson json;

    public NotificationSettingResource(GoogleApiGate gate, LocationAccess access, NotificationSettings settings,
                                       NotificationSettingUpdate update, RequestParams params, GoogleJson json) {
        this.gate = gate;
        this.access = access;
        this.settings = settings;
        this.update = update;
        this.params = params;
        this.json = json;
    }

    @GET
    public Uni<Response> get(@PathParam("accountId") String accountId, @Context UriInfo uri,
                             @HeaderParam("Authorization") String authorization) {
        GoogleQuery query = GoogleQuery.of(uri.getQueryParameters());
        return gate.serve(GoogleEndpoint.GET_NOTIFICATION_SETTING, authorization, query.accessToken(), () -> {
            params.onlyKnown(query, Set.of());
            access.account(accountId);
            return json.write(NotificationSettingJson.of(settings.of(accountId)));
        });
    }

    // The query is read whole (GoogleQuery); this names its field for the OpenAPI document.
    @PATCH
    @Consumes(MediaType.WILDCARD)
    @Parameter(name = "updateMask", in = ParameterIn.QUERY, required = true)
    public Uni<Response> update(@PathParam("accountId") String accountId, byte[] body, @Context UriInfo uri,
                                @HeaderParam("Authorization") String authorization) {
        GoogleQuery query = GoogleQuery.of(uri.getQueryParameters());
        return gate.serve(GoogleEndpoint.UPDATE_NOTIFICATION_SETTING, authorization, query.accessToken(), () -> {
            params.onlyKnown(query, Set.of("updateMask"));
            NotificationSettingJson request = json.read(body, NotificationSettingJson.class);
            access.account(accountId);
            NotificationSetting updated = settings.update(accountId,
                    current -> update.apply(current, query.get("updateMask"), request));
            return json.write(NotificationSettingJson.of(updated));
        });
    }
}
