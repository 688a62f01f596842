package io.reviewfetcher.ingress.notifications;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.reviewfetcher.ingress.credentials.RegisteredClients;
import io.reviewfetcher.support.notifications.NotificationKeys;
import io.reviewfetcher.support.notifications.NotificationState;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A client's notification states, as account-worker wrote them ({@link NotificationKeys#client}), for the API and the
 * console alike: 404 for a client token-service does not have ({@link RegisteredClients}), 503 while Redis does not answer.
 */
@ApplicationScoped
public class NotificationStateReader {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final RegisteredClients registeredClients;

    public NotificationStateReader(ReactiveRedisDataSource redis, RegisteredClients registeredClients) {
        this.hashes = redis.hash(String.class);
        this.registeredClients = registeredClients;
    }

    public Uni<ClientNotifications> read(String clientId) {
        return registeredClients.requireExisting(clientId)
                .chain(() -> hashes.hgetall(NotificationKeys.client(clientId))
                        .onFailure().transform(failure -> {
                            Log.warnf("Notification states unreadable (%s); answered 503", failure.getClass().getSimpleName());
                            return ProblemException.unavailable("the notification states are unavailable (Redis); try again shortly", null);
                        }))
                .map(fields -> of(clientId, fields));
    }

    /** By account id; a value that is no state (written by hand?) is left out, and not quoted. */
    static ClientNotifications of(String clientId, Map<String, String> fields) {
        List<ClientNotifications.AccountNotifications> accounts = new ArrayList<>(fields.size());
        fields.forEach((accountId, json) -> {
            try {
                accounts.add(ClientNotifications.AccountNotifications.of(accountId, NotificationState.fromJson(json)));
            } catch (IllegalArgumentException unreadable) {
                Log.warnf("Notification state of account %s of client %s is unreadable: left out", accountId, clientId);
            }
        });
        accounts.sort(Comparator.comparing(ClientNotifications.AccountNotifications::accountId));
        return new ClientNotifications(clientId, accounts);
    }
}
