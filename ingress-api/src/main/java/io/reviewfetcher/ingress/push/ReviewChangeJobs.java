package io.reviewfetcher.ingress.push;

import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.smallrye.mutiny.Uni;

/** Starts the job of one review Google notified: completes once it is durable (SubmittedReviewChangeJobs). */
public interface ReviewChangeJobs {

    Uni<Void> start(FetchReviewChange change, JobOrigin origin);
}
