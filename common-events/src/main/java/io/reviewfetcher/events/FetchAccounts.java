package io.reviewfetcher.events;

import java.time.Instant;
import java.util.List;

/**
 * A submitted job: list the accounts the credential can manage ({@code fetch-accounts}).
 *
 * @param accountIds  bare account ids ({@code 123}, not {@code accounts/123}) to narrow the job to, or null for all
 * @param locationIds bare location ids to narrow the job to, or null for all
 */
public record FetchAccounts(String jobId, Instant createdAt, String credential, List<String> accountIds,
                            List<String> locationIds, FetchMode mode, int attempt) implements StageEvent {

    public FetchAccounts {
        Fields.requiredText(jobId, "job_id");
        Fields.required(createdAt, "created_at");
        Fields.credential(credential);
        accountIds = Fields.copyOrNull(accountIds, "account_ids");
        locationIds = Fields.copyOrNull(locationIds, "location_ids");
        Fields.required(mode, "mode");
        Fields.atLeast(attempt, 0, "attempt");
    }

    @Override
    public FetchAccounts withAttempt(int next) {
        return new FetchAccounts(jobId, createdAt, credential, accountIds, locationIds, mode, next);
    }
}
