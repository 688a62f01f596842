package io.reviewfetcher.ingress.notifications;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.support.notifications.NotificationState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The answer of {@code GET /api/v1/clients/{client_id}/notifications}: each account's notification state. */
@RegisterForReflection
@Schema(name = "ClientNotifications", description = "What was last set on Google for each account of the client, by the jobs "
        + "that turned its notifications on or off; an account no such job reached is not listed")
public record ClientNotifications(
        @Schema(description = "the managed client") String clientId,
        @Schema(description = "by account id") List<AccountNotifications> accounts) {

    @RegisterForReflection
    @Schema(name = "AccountNotifications")
    public record AccountNotifications(
            @Schema(description = "bare account id") String accountId,
            @Schema(description = "on: Google publishes the account's new and edited reviews to our topic, and their pushes are "
                    + "this client's; off: nothing is published; failed: Google refused the setting (reason), which is what it was",
                    enumeration = {"on", "off", "failed"}) String state,
            @Schema(description = "the Pub/Sub topic Google publishes to (state on)", example = "projects/p/topics/gbp-reviews")
            String pubsubTopic,
            @Schema(description = "what Google publishes (state on)", example = "[\"NEW_REVIEW\", \"UPDATED_REVIEW\"]")
            List<String> notificationTypes,
            @Schema(description = "when it was set (ISO-8601 UTC)") String updatedAt,
            @Schema(description = "why it failed, or why it is off through another client's credential") String reason) {

        static AccountNotifications of(String accountId, NotificationState state) {
            return new AccountNotifications(accountId, state.state().name().toLowerCase(java.util.Locale.ROOT), state.pubsubTopic(),
                    state.notificationTypes(), state.updatedAt(), state.reason());
        }
    }
}
