package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * List one page of the accounts the credential can manage ({@code fetch-accounts}): a submitted job is the
 * first page; the worker emits the next page as a new event, so a failure retries that page alone.
 *
 * @param accountIds    bare account ids ({@code 123}, not {@code accounts/123}) to narrow the job to, or null for all
 * @param locationIds   bare location ids to narrow the job to, or null for all
 * @param pageToken     Google's {@code nextPageToken} of the previous page, or null for the first page
 * @param pageNumber    1 for the first page
 * @param pageTokenMark the loop guard's fingerprint of an earlier page token of this walk, or null (see
 *                      {@link FetchReviews#pageTokenMark()})
 * @param replayedAt    when an operator replayed this work from {@code fetch-dlq}, or null (see
 *                      {@link FetchReviews#replayedAt()})
 * @param notifications null for a job that fetches reviews; true for a job that turns Google's review notifications on
 *                      for every account the credential manages (each account's notification setting set to our
 *                      Pub/Sub topic), false for one that turns them off; left out of the JSON when null
 */
public record FetchAccounts(String jobId, Instant createdAt, String credential, List<String> accountIds,
                            List<String> locationIds, String pageToken, int pageNumber, String pageTokenMark,
                            FetchMode mode, int attempt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant replayedAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean notifications)
        implements StageEvent {

    public FetchAccounts {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.timestampOrNull(replayedAt, "replayed_at");
        Fields.credential(credential);
        accountIds = Fields.copyOrNull(accountIds, "account_ids");
        locationIds = Fields.copyOrNull(locationIds, "location_ids");
        Fields.atLeast(pageNumber, 1, "page_number");
        Fields.required(mode, "mode");
        Fields.atLeast(attempt, 0, "attempt");
    }

    /** A job that fetches reviews. */
    public FetchAccounts(String jobId, Instant createdAt, String credential, List<String> accountIds,
                         List<String> locationIds, String pageToken, int pageNumber, String pageTokenMark,
                         FetchMode mode, int attempt, Instant replayedAt) {
        this(jobId, createdAt, credential, accountIds, locationIds, pageToken, pageNumber, pageTokenMark, mode, attempt,
                replayedAt, null);
    }

    /** The first page of a job that turns review notifications on ({@code true}) or off for the credential's accounts. */
    public static FetchAccounts notifications(String jobId, Instant createdAt, String credential, boolean on) {
        return notifications(jobId, createdAt, credential, null, on);
    }

    /** As {@link #notifications(String, Instant, String, boolean)}, for the named accounts only ({@code accountIds} null: all). */
    public static FetchAccounts notifications(String jobId, Instant createdAt, String credential, List<String> accountIds,
                                              boolean on) {
        return new FetchAccounts(jobId, createdAt, credential, accountIds, null, null, 1, null, FetchMode.INCREMENTAL, 0, null, on);
    }

    /** Whether this job sets notification settings instead of fetching reviews. */
    public boolean setsNotifications() {
        return notifications != null;
    }

    /** Work never replayed. */
    public FetchAccounts(String jobId, Instant createdAt, String credential, List<String> accountIds,
                         List<String> locationIds, String pageToken, int pageNumber, String pageTokenMark,
                         FetchMode mode, int attempt) {
        this(jobId, createdAt, credential, accountIds, locationIds, pageToken, pageNumber, pageTokenMark, mode, attempt,
                null);
    }

    /** A submitted job: the first page. */
    public FetchAccounts(String jobId, Instant createdAt, String credential, List<String> accountIds,
                         List<String> locationIds, FetchMode mode, int attempt) {
        this(jobId, createdAt, credential, accountIds, locationIds, null, 1, null, mode, attempt);
    }

    /** The page after this one, first try. */
    public FetchAccounts nextPage(Instant at, String nextPageToken, String nextPageTokenMark) {
        return new FetchAccounts(jobId, at, credential, accountIds, locationIds, nextPageToken, pageNumber + 1,
                nextPageTokenMark, mode, 0, null, notifications);
    }

    @Override
    public FetchAccounts withAttempt(int next) {
        return new FetchAccounts(jobId, createdAt, credential, accountIds, locationIds, pageToken, pageNumber,
                pageTokenMark, mode, next, replayedAt, notifications);
    }

    @Override
    public FetchAccounts replayed(Instant at) {
        return new FetchAccounts(jobId, createdAt, credential, accountIds, locationIds, pageToken, pageNumber,
                pageTokenMark, mode, 0, Fields.required(at, "replayed_at"), notifications);
    }
}
