package io.reviewfetcher.ingress.push;

import io.quarkus.logging.Log;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.submission.IdRules;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.reviewfetcher.ingress.submission.Submission;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * A push whose token was verified, to its end: a type other than a review's is ignored; a message published before is a
 * duplicate; an account no client has notifications on is not ours; otherwise the review becomes a job of one task
 * ({@code fetch_review_change} for the client's managed credential, see {@link JobSubmitter#submitReviewChange}), under
 * the id the message decides ({@link PushJobIds}), and the message is remembered as published ({@link PublishedPushes}).
 * Fails with {@link PushUnavailable} when Redis does not answer, and with the submission's refusals (JobNotDurable,
 * SubmissionsFull): each is answered so that Pub/Sub redelivers.
 */
@ApplicationScoped
public class ReviewNotifications {

    private final PublishedPushes published;
    private final NotificationRoutes routes;
    private final ReviewChangeJobs jobs;

    public ReviewNotifications(PublishedPushes published, NotificationRoutes routes, ReviewChangeJobs jobs) {
        this.published = published;
        this.routes = routes;
        this.jobs = jobs;
    }

    public Uni<PushOutcome> take(PushEnvelope push) {
        PushEnvelope.NotifiedReview review = push.review();
        if (review == null) {
            return Uni.createFrom().item(PushOutcome.IGNORED_TYPE);
        }
        String jobId = PushJobIds.of(push.subscription(), push.messageId());
        return published.wasPublished(jobId)
                .onFailure().transform(failure -> unavailable("whether the message was published", failure))
                .chain(was -> was ? Uni.createFrom().item(PushOutcome.DUPLICATE) : route(jobId, push, review));
    }

    private Uni<PushOutcome> route(String jobId, PushEnvelope push, PushEnvelope.NotifiedReview review) {
        return routes.clientOf(review.accountId())
                .onFailure().transform(failure -> unavailable("the account's client", failure))
                .chain(clientId -> {
                    if (clientId == null) {
                        return Uni.createFrom().item(PushOutcome.UNMANAGED_ACCOUNT);
                    }
                    if (!IdRules.isClientId(clientId)) {
                        // account-worker writes client ids it was given; anything else is not a route to follow.
                        Log.warnf("Google push for account %s dropped: its route in Redis is not a client id", review.accountId());
                        return Uni.createFrom().item(PushOutcome.UNMANAGED_ACCOUNT);
                    }
                    return publish(jobId, push, review, clientId);
                });
    }

    private Uni<PushOutcome> publish(String jobId, PushEnvelope push, PushEnvelope.NotifiedReview review, String clientId) {
        FetchReviewChange change = new FetchReviewChange(jobId, Instant.now(), new Submission.ManagedClient(clientId).reference(),
                review.accountId(), review.locationId(), review.reviewId(), review.notification(), push.messageId(), push.publishTime());
        return jobs.start(change, JobOrigin.notified(clientId))
                // Published either way: without the marker a redelivery publishes again, which the worker takes as a duplicate.
                .call(() -> published.remember(jobId).onFailure().invoke(failure -> JobLog.warn(jobId, JobLog.Position.NONE,
                        "published, but not remembered as published (%s): a redelivery will publish it again", failure.getClass().getSimpleName()))
                        .onFailure().recoverWithNull())
                .replaceWith(PushOutcome.ACCEPTED);
    }

    private static PushUnavailable unavailable(String what, Throwable failure) {
        Log.warnf("Google push not taken: %s could not be read from Redis (%s)", what, failure.getClass().getSimpleName());
        return new PushUnavailable("Redis is unavailable; the message was not taken, Pub/Sub will deliver it again");
    }
}
