package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.jobs.JobStatus;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A previous run is still going while its job's status in Redis is not final. A job Redis no longer knows (its
 * status expired, 30 days after its last event) blocks nothing: a run lost for good must not stop its schedule.
 * Redis failing fails the check, so the run stays due and is decided at the next poll rather than guessed.
 */
@ApplicationScoped
public class JobRunStatus implements RunStatus {

    private final JobStatusStore statusStore;

    public JobRunStatus(JobStatusStore statusStore) {
        this.statusStore = statusStore;
    }

    @Override
    public Uni<Boolean> stillRunning(String jobId) {
        return statusStore.status(jobId).map(status -> status != null && !JobStatus.isFinal(status.status()));
    }
}
