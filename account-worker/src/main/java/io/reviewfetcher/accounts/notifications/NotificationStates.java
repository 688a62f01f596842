package io.reviewfetcher.accounts.notifications;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.reviewfetcher.support.notifications.NotificationKeys;
import io.reviewfetcher.support.notifications.NotificationState;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * What was set on Google, in Redis ({@link NotificationKeys}): the route of an account's pushes to its client, and each
 * account's state in its client's hash. Google keeps one setting per account, so an account turned on or off through one
 * client's credential is no longer on through another's: that client's state says so. Separate commands, not a script:
 * the keys may lie on different Redis Cluster nodes; each write is idempotent, so a page done again repairs a page
 * that failed between them.
 */
@ApplicationScoped
public class NotificationStates {
    static final String TAKEN_OVER = "notifications of this account now go to another client, whose credential turned them on";
    static final String TURNED_OFF_ELSEWHERE = "turned off through another client's credential (Google keeps one setting per account)";

    private final ReactiveValueCommands<String, String> routes;
    private final ReactiveHashCommands<String, String, String> clients;

    public NotificationStates(ReactiveRedisDataSource redis) {
        this.routes = redis.value(String.class);
        this.clients = redis.hash(String.class);
    }

    /** Google publishes the account's events to our topic: its pushes go to {@code clientId}. */
    public Uni<Void> turnedOn(String clientId, String accountId, NotificationState state) {
        return routes.setGet(NotificationKeys.route(accountId), clientId)
                .call(() -> record(clientId, accountId, state))
                .call(previous -> displaced(previous, clientId, accountId, TAKEN_OVER, state))
                .replaceWithVoid();
    }

    /** Google publishes nothing for the account: a push for it is not ours any more. */
    public Uni<Void> turnedOff(String clientId, String accountId, NotificationState state) {
        return routes.getdel(NotificationKeys.route(accountId))
                .call(() -> record(clientId, accountId, state))
                .call(previous -> displaced(previous, clientId, accountId, TURNED_OFF_ELSEWHERE, state))
                .replaceWithVoid();
    }

    /** Google refused: its setting is what it was, and so is the route. */
    public Uni<Void> failed(String clientId, String accountId, NotificationState state) {
        return record(clientId, accountId, state);
    }

    private Uni<Void> record(String clientId, String accountId, NotificationState state) {
        return clients.hset(NotificationKeys.client(clientId), accountId, state.toJson()).replaceWithVoid();
    }

    private Uni<Void> displaced(String previous, String clientId, String accountId, String reason, NotificationState state) {
        if (previous == null || previous.equals(clientId)) {
            return Uni.createFrom().voidItem();
        }
        return record(previous, accountId, NotificationState.off(Instant.parse(state.updatedAt()), reason));
    }
}
