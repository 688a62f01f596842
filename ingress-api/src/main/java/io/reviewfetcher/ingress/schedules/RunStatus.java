package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;

/** Whether a schedule's previous run is still going ({@link JobRunStatus}: its job status is not final). */
public interface RunStatus {

    /** True while the job's status is queued or running; false once final, and for a job whose status is gone. */
    Uni<Boolean> stillRunning(String jobId);
}
