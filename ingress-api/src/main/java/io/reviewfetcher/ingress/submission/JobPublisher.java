package io.reviewfetcher.ingress.submission;

import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes a job: its {@code fetch_accounts} event on {@code fetch-accounts} and its {@code submitted}
 * progress event on {@code job-events}, both keyed by job id. The returned {@code Uni} completes when the
 * broker acknowledged the job (acks=all, idempotent producer: see application.properties), which is what
 * a 202 promises. Batching is the producer's (linger.ms, batch.size): many concurrent submissions share a
 * request to the broker, with no loop and no sleep here. A review Google notified is a job too: its
 * {@code fetch_review_change} on {@code fetch-reviews}, keyed by location id ({@link #publishReviewChange}).
 */
@ApplicationScoped
public class JobPublisher {

    private final MutinyEmitter<FetchAccounts> jobs;
    private final MutinyEmitter<FetchReviewChange> reviewChanges;
    private final MutinyEmitter<JobEvent> progress;

    /*
     * Unbounded emitter buffers are safe here: InFlightSubmissions bounds how many submissions can be
     * between admission and acknowledgement, so it also bounds what these buffers can hold.
     */
    @Inject
    public JobPublisher(@Channel("fetch-accounts") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<FetchAccounts> jobs,
                        @Channel("fetch-reviews") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<FetchReviewChange> reviewChanges,
                        @Channel("job-progress") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<JobEvent> progress) {
        this.jobs = jobs;
        this.reviewChanges = reviewChanges;
        this.progress = progress;
    }

    /**
     * Completes when {@code fetch-accounts} holds the job. The progress event is sent alongside; if only it
     * fails, the job is still durable and will run (its status then starts with the account-worker's
     * report), so that failure is logged, not answered.
     */
    public Uni<Void> publish(FetchAccounts job, JobEvent submitted) {
        Uni<Void> durable = jobs.sendMessage(KafkaRecord.of(job.jobId(), job));
        Uni<Void> reported = progress.sendMessage(KafkaRecord.of(submitted.jobId(), submitted))
                .onFailure().invoke(e -> JobLog.warn(submitted.jobId(), JobLog.Position.NONE,
                        "job is on fetch-accounts but its submitted event did not reach job-events (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
        return Uni.combine().all().unis(durable, reported).discardItems();
    }

    /**
     * Completes when both {@code fetch-reviews} holds the review's job and {@code job-events} its submitted event, and fails
     * when either is not acknowledged: unlike a fetch job's, this job's submitted event is the only one to name its root
     * task ({@code review-change:<review>}), without which its status would never complete. Keyed by location id, as
     * stage-runtime's EventPublisher keys every fetch-reviews record, so a location's work spreads as everyone's does.
     */
    public Uni<Void> publishReviewChange(FetchReviewChange change, JobEvent submitted) {
        Uni<Void> durable = reviewChanges.sendMessage(KafkaRecord.of(change.locationId(), change));
        Uni<Void> reported = progress.sendMessage(KafkaRecord.of(submitted.jobId(), submitted));
        return Uni.combine().all().unis(durable, reported).discardItems();
    }
}
