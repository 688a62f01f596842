package io.reviewfetcher.ingress.push;

import io.smallrye.mutiny.Uni;

/**
 * Which client a Google account's notifications are for: account-worker records it when it turns an account's
 * notifications on (and removes it when it turns them off); a push for an account without one is not ours.
 */
public interface NotificationRoutes {

    /** The client id, or null when no client has the account's notifications on. */
    Uni<String> clientOf(String accountId);
}
