package io.reviewfetcher.emulator.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Every account's notification setting, in memory: one per account, none until written through the API. */
@ApplicationScoped
public class NotificationSettings {

    private final ConcurrentHashMap<String, NotificationSetting> byAccount = new ConcurrentHashMap<>();

    public NotificationSetting of(String accountId) {
        NotificationSetting setting = byAccount.get(accountId);
        return setting != null ? setting : NotificationSetting.none(accountId);
    }

    /** Replaces the account's setting with {@code change} of it, atomically; nothing changes if it throws. */
    public NotificationSetting update(String accountId, UnaryOperator<NotificationSetting> change) {
        return byAccount.compute(accountId,
                (id, current) -> change.apply(current != null ? current : NotificationSetting.none(id)));
    }

    /** Forgets every setting, as when the data set is rebuilt. */
    public void clear() {
        byAccount.clear();
    }
}
