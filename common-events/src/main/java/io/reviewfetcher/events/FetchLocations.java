package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * List one page of the locations of one account ({@code fetch-locations}); the worker emits the next page
 * as a new event, so a failure retries that page alone and an account of thousands of locations never
 * needs all its pages to succeed in one attempt.
 *
 * @param accountId     bare account id ({@code 123} of {@code accounts/123})
 * @param accountName   the account's display name
 * @param locationIds   bare location ids to narrow the job to, or null for all
 * @param pageToken     Google's {@code nextPageToken} of the previous page, or null for the first page
 * @param pageNumber    1 for the first page
 * @param pageTokenMark the loop guard's fingerprint of an earlier page token of this walk, or null (see
 *                      {@link FetchReviews#pageTokenMark()})
 * @param replayedAt    when an operator replayed this work from {@code fetch-dlq}, or null (see
 *                      {@link FetchReviews#replayedAt()})
 */
public record FetchLocations(String jobId, Instant createdAt, String credential, String accountId,
                             String accountName, List<String> locationIds, String pageToken, int pageNumber,
                             String pageTokenMark, FetchMode mode, int attempt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Instant replayedAt) implements StageEvent {

    public FetchLocations {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.timestampOrNull(replayedAt, "replayed_at");
        Fields.credential(credential);
        Fields.requiredText(accountId, "account_id");
        Fields.required(accountName, "account_name");
        locationIds = Fields.copyOrNull(locationIds, "location_ids");
        Fields.atLeast(pageNumber, 1, "page_number");
        Fields.required(mode, "mode");
        Fields.atLeast(attempt, 0, "attempt");
    }

    /** Work never replayed. */
    public FetchLocations(String jobId, Instant createdAt, String credential, String accountId, String accountName,
                          List<String> locationIds, String pageToken, int pageNumber, String pageTokenMark,
                          FetchMode mode, int attempt) {
        this(jobId, createdAt, credential, accountId, accountName, locationIds, pageToken, pageNumber, pageTokenMark,
                mode, attempt, null);
    }

    /** The first page of an account's locations. */
    public FetchLocations(String jobId, Instant createdAt, String credential, String accountId, String accountName,
                          List<String> locationIds, FetchMode mode, int attempt) {
        this(jobId, createdAt, credential, accountId, accountName, locationIds, null, 1, null, mode, attempt);
    }

    /** The page after this one, first try. */
    public FetchLocations nextPage(Instant at, String nextPageToken, String nextPageTokenMark) {
        return new FetchLocations(jobId, at, credential, accountId, accountName, locationIds, nextPageToken,
                pageNumber + 1, nextPageTokenMark, mode, 0);
    }

    @Override
    public FetchLocations withAttempt(int next) {
        return new FetchLocations(jobId, createdAt, credential, accountId, accountName, locationIds, pageToken,
                pageNumber, pageTokenMark, mode, next, replayedAt);
    }

    @Override
    public FetchLocations replayed(Instant at) {
        return new FetchLocations(jobId, createdAt, credential, accountId, accountName, locationIds, pageToken,
                pageNumber, pageTokenMark, mode, 0, Fields.required(at, "replayed_at"));
    }
}
