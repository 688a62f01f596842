package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.reviewfetcher.ingress.submission.Submission;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A scheduled run through the job submission: the schedule's client, scope and the trigger's mode, with its origin. Not
 * subject to the jobs-per-minute limits (JobAdmission): the schedule's minimum interval is its runs' limit, and its key
 * was checked for the client when the schedule was created.
 */
@ApplicationScoped
public class SubmittedScheduledJobs implements ScheduledJobs {

    private final JobSubmitter submitter;

    public SubmittedScheduledJobs(JobSubmitter submitter) {
        this.submitter = submitter;
    }

    @Override
    public Uni<Void> start(Schedule schedule, DueRun run) {
        Submission submission = new Submission(new Submission.ManagedClient(schedule.clientId()), schedule.accountIds(),
                schedule.locationIds(), run.trigger().mode());
        return submitter.submitScheduled(run.jobId(), submission, JobOrigin.scheduled(schedule.clientId(), schedule.id(), run.trigger().wire()));
    }
}
