package io.reviewfetcher.support.notifications;

/**
 * Where Google's review notifications are routed, in Redis: account-worker writes what it set on Google, ingress-api
 * reads it to route a push to the client whose credential manages the account, and to show the state per account.
 *
 * <ul>
 *   <li>{@link #route(String)}: a string, the client id whose notifications are on for the account (absent: off, or
 *   never on: a push for it is not ours and is dropped);</li>
 *   <li>{@link #client(String)}: a hash, account id → the account's state as JSON ({@link NotificationState}:
 *   {@code {"state":"on|off|failed","pubsub_topic":…,"notification_types":[…],"updated_at":…,"reason":…}}).</li>
 * </ul>
 */
public final class NotificationKeys {
    private NotificationKeys() {
    }

    public static String route(String accountId) {
        return "rf:notifications:route:" + accountId;
    }

    public static String client(String clientId) {
        return "rf:notifications:client:" + clientId;
    }
}
