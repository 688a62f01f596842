package io.reviewfetcher.ingress.push;

import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A notified review's job through the job submission, registered and published as every job is (JobSubmitter). */
@ApplicationScoped
public class SubmittedReviewChangeJobs implements ReviewChangeJobs {

    private final JobSubmitter submitter;

    public SubmittedReviewChangeJobs(JobSubmitter submitter) {
        this.submitter = submitter;
    }

    @Override
    public Uni<Void> start(FetchReviewChange change, JobOrigin origin) {
        return submitter.submitReviewChange(change, origin);
    }
}
