package io.reviewfetcher.events;

import java.time.Instant;
import java.util.List;

/**
 * List the locations of one account ({@code fetch-locations}).
 *
 * @param accountId   bare account id ({@code 123} of {@code accounts/123})
 * @param accountName the account's display name
 * @param locationIds bare location ids to narrow the job to, or null for all
 */
public record FetchLocations(String jobId, Instant createdAt, String credential, String accountId,
                             String accountName, List<String> locationIds, FetchMode mode, int attempt)
        implements StageEvent {

    public FetchLocations {
        Fields.requiredText(jobId, "job_id");
        Fields.required(createdAt, "created_at");
        Fields.credential(credential);
        Fields.requiredText(accountId, "account_id");
        Fields.required(accountName, "account_name");
        locationIds = Fields.copyOrNull(locationIds, "location_ids");
        Fields.required(mode, "mode");
        Fields.atLeast(attempt, 0, "attempt");
    }

    @Override
    public FetchLocations withAttempt(int next) {
        return new FetchLocations(jobId, createdAt, credential, accountId, accountName, locationIds, mode, next);
    }
}
