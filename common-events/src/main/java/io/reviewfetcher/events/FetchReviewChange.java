package io.reviewfetcher.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Fetch one review that Google said was written or edited ({@code fetch-reviews}, beside {@code fetch_reviews}): a
 * Pub/Sub push of Google's review notifications, received by ingress-api, becomes a job of this one task. The worker
 * makes one {@code reviews.get} call, unless the review store already holds a version fetched after Google published
 * the notification (a duplicate, a late or a reordered push changes nothing).
 *
 * @param accountId     bare account id the notification named
 * @param locationId    bare location id the notification named
 * @param reviewId      bare review id the notification named
 * @param notification  what Google said happened
 * @param messageId     Pub/Sub's {@code messageId}, the same on every redelivery of one message
 * @param publishedAt   Pub/Sub's {@code publishTime}: the review is at least this recent on Google
 * @param replayedAt    when an operator replayed this work from {@code fetch-dlq}, or null (see
 *                      {@link StageEvent#replayedAt()}); left out of the JSON when null
 */
public record FetchReviewChange(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                                String reviewId, ReviewNotification notification, String messageId, Instant publishedAt,
                                int attempt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant replayedAt)
        implements StageEvent {

    public FetchReviewChange {
        Fields.requiredText(jobId, "job_id");
        Fields.timestamp(createdAt, "created_at");
        Fields.credential(credential);
        Fields.requiredText(accountId, "account_id");
        Fields.requiredText(locationId, "location_id");
        Fields.requiredText(reviewId, "review_id");
        Fields.required(notification, "notification");
        Fields.requiredText(messageId, "message_id");
        Fields.timestamp(publishedAt, "published_at");
        Fields.atLeast(attempt, 0, "attempt");
        Fields.timestampOrNull(replayedAt, "replayed_at");
    }

    /** A notification just received: first try, never replayed. */
    public FetchReviewChange(String jobId, Instant createdAt, String credential, String accountId, String locationId,
                             String reviewId, ReviewNotification notification, String messageId, Instant publishedAt) {
        this(jobId, createdAt, credential, accountId, locationId, reviewId, notification, messageId, publishedAt, 0, null);
    }

    /** Only what changed is delivered, as in an incremental run. */
    @Override
    public FetchMode mode() {
        return FetchMode.INCREMENTAL;
    }

    /** One review, not a page of a list. */
    @Override
    public String pageToken() {
        return null;
    }

    @Override
    public int pageNumber() {
        return 1;
    }

    @Override
    public String pageTokenMark() {
        return null;
    }

    @Override
    public StageEvent nextPage(Instant at, String nextPageToken, String nextPageTokenMark) {
        throw new UnsupportedOperationException("a single review has no next page");
    }

    @Override
    public FetchReviewChange withAttempt(int next) {
        return new FetchReviewChange(jobId, createdAt, credential, accountId, locationId, reviewId, notification, messageId,
                publishedAt, next, replayedAt);
    }

    @Override
    public FetchReviewChange replayed(Instant at) {
        return new FetchReviewChange(jobId, createdAt, credential, accountId, locationId, reviewId, notification, messageId,
                publishedAt, 0, Fields.required(at, "replayed_at"));
    }
}
