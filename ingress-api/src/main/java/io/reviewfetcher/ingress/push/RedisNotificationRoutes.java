package io.reviewfetcher.ingress.push;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.reviewfetcher.support.notifications.NotificationKeys;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link NotificationRoutes} in Redis: {@link NotificationKeys#route}, which account-worker writes. */
@ApplicationScoped
public class RedisNotificationRoutes implements NotificationRoutes {

    private final ReactiveValueCommands<String, String> values;

    public RedisNotificationRoutes(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    @Override
    public Uni<String> clientOf(String accountId) {
        return values.get(NotificationKeys.route(accountId));
    }
}
