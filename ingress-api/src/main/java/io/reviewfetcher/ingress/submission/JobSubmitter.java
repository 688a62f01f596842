package io.reviewfetcher.ingress.submission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.FetchReviewChange;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewNotification;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.ingress.admission.AdmissionUnavailable;
import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.admission.ClientNotAllowed;
import io.reviewfetcher.ingress.admission.JobAdmission;
import io.reviewfetcher.ingress.admission.RateSubjects;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.credentials.CredentialExchange;
import io.reviewfetcher.ingress.credentials.KeptCredential;
import io.reviewfetcher.ingress.credentials.RegisteredClients;
import io.reviewfetcher.ingress.jobs.JobIndex;
import io.reviewfetcher.ingress.jobs.JobOrigin;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One submission from admission to the broker's acknowledgement: for a {@code client_id} job a caller key
 * ({@link CallerNotAuthorized}) valid for that client ({@link ClientNotAllowed}) (an operator's job has none:
 * {@link #submitForOperator}), for a job that sets notifications a client token-service has (404), a place within the in-flight bound
 * ({@link SubmissionsFull}), the jobs-per-minute limits of its key and its credential ({@link JobAdmission}), the credential
 * reference (a submitted token is exchanged at token-service, see {@link CredentialExchange} for its
 * refusals), for a job narrowed to locations those locations in its status, its origin (its client, a scheduled run's
 * schedule) in its status and the job in the job index ({@link JobIndex}) ({@link JobNotDurable} when Redis does
 * not take them), then the {@code fetch_accounts} and {@code submitted} events ({@link JobNotDurable} when the
 * broker does not acknowledge them). The job id is returned only once {@code fetch-accounts} holds the job;
 * the place is given back whatever happens. A scheduled run goes the same way ({@link #submitScheduled}), with the
 * id its schedule decided, and so does a review Google notified ({@link #submitReviewChange}), a job of one task on
 * {@code fetch-reviews}.
 */
@Startup
@ApplicationScoped
public class JobSubmitter {

    private final CallerKeys callerKeys;
    private final JobAdmission admission;
    private final InFlightSubmissions inFlight;
    private final CredentialExchange credentials;
    private final RegisteredClients registeredClients;
    private final JobPublisher publisher;
    private final JobStatusStore statusStore;
    private final JobIndex jobIndex;
    private final Duration retryAfter;
    private final Counter acceptedWithToken;
    private final Counter acceptedForClient;
    private final Counter unavailable;

    public JobSubmitter(CallerKeys callerKeys, JobAdmission admission, InFlightSubmissions inFlight, CredentialExchange credentials,
                        RegisteredClients registeredClients, JobPublisher publisher, JobStatusStore statusStore, JobIndex jobIndex,
                        IngressConfig config, MeterRegistry registry) {
        this.callerKeys = callerKeys;
        this.registeredClients = registeredClients;
        this.admission = admission;
        this.inFlight = inFlight;
        this.credentials = credentials;
        this.publisher = publisher;
        this.statusStore = statusStore;
        this.jobIndex = jobIndex;
        this.retryAfter = config.submissions().retryAfter();
        this.acceptedWithToken = accepted(registry, "access_token");
        this.acceptedForClient = accepted(registry, "client_id");
        this.unavailable = Counter.builder("ingress_submissions_rejected")
                .description("Submissions refused, by reason (buffer_full = answered 429 at the in-flight bound)")
                .tag("reason", "unavailable").register(registry);
        // The codec's serializers are built on first use; at start-up (@Startup), not on a request's event loop.
        EventCodec.encode(new FetchAccounts("warm-up", Instant.now(), "client:warm-up", List.of("1"), null, FetchMode.FULL, 0));
        EventCodec.encode(new JobEvent("warm-up", Instant.now(), TaskIds.SUBMISSION, 0, JobEvent.Outcome.SUBMITTED,
                List.of(TaskIds.ACCOUNTS), 0, 0, 0, 0, null));
        EventCodec.encode(new FetchReviewChange("warm-up", Instant.now(), "client:warm-up", "1", "1", "1",
                ReviewNotification.NEW_REVIEW, "1", Instant.now()));
    }

    /**
     * The new job's id (and its token's expiry) once it is durable on {@code fetch-accounts}; otherwise one of
     * the refusals named in the class comment.
     */
    public Uni<Accepted> submit(Submission submission, String apiKey) {
        if (submission.credential() instanceof Submission.ManagedClient client) {
            Caller caller = callerKeys.find(apiKey);
            if (caller == null) {
                return Uni.createFrom().failure(new CallerNotAuthorized());
            }
            if (!caller.allows(client.clientId())) {
                return Uni.createFrom().failure(new ClientNotAllowed(client.clientId()));
            }
            return existing(submission).chain(() -> admit(UUID.randomUUID().toString(), submission,
                    JobOrigin.ofClient(client.clientId()), RateSubjects.of(caller, client.reference())));
        }
        // An access-token job is authorised by its token, not by a key: it counts against the token's limit only.
        String token = ((Submission.AccessToken) submission.credential()).token();
        return admit(UUID.randomUUID().toString(), submission, null, RateSubjects.of(null, token));
    }

    /**
     * A managed client's job submitted by an operator (the console, behind its own login, valid for every client): no
     * caller key; counted against the client's jobs-per-minute limit, as any job of the client. Otherwise as {@link #submit}.
     */
    public Uni<Accepted> submitForOperator(Submission submission) {
        if (!(submission.credential() instanceof Submission.ManagedClient client)) {
            return Uni.createFrom().failure(new IllegalArgumentException("an operator submits a managed client's job"));
        }
        return existing(submission).chain(() -> admit(UUID.randomUUID().toString(), submission,
                JobOrigin.ofClient(client.clientId()), RateSubjects.of(null, client.reference())));
    }

    /**
     * A job that sets notifications names its client in the path ({@code /api/v1/clients/{client_id}/notifications}):
     * a client token-service does not have is answered 404 at once, after the key's check (a key not valid for the
     * client learns nothing of whether it exists). A fetch job is not asked about: one call to token-service per
     * submission would cost every job; an unknown client's fetch job fails at its first permit, with the reason.
     */
    private Uni<Void> existing(Submission submission) {
        if (!submission.setsNotifications()) {
            return Uni.createFrom().voidItem();
        }
        return registeredClients.requireExisting(((Submission.ManagedClient) submission.credential()).clientId());
    }

    /**
     * A scheduled run of a managed client, durable on {@code fetch-accounts} under {@code jobId}, which the schedule
     * derives from the run (so that a run published twice, after a crash before its claim committed, is one job
     * delivered twice, not two jobs). No caller key: whoever created the schedule presented one valid for its client.
     * Not counted against the jobs-per-minute limits either: a schedule's minimum interval is its runs' limit, and a
     * run refused for a burst of the client's own submissions would only be tried again. Fails with the same refusals
     * as {@link #submit} otherwise (SubmissionsFull, JobNotDurable); the run is then tried again.
     */
    public Uni<Void> submitScheduled(String jobId, Submission submission, JobOrigin origin) {
        if (!(submission.credential() instanceof Submission.ManagedClient)) {
            return Uni.createFrom().failure(new IllegalArgumentException("a scheduled run is a managed client's job"));
        }
        return admit(jobId, submission, origin, null).replaceWithVoid();
    }

    /**
     * A review Google notified ({@code change}, for {@code origin}'s client), durable on {@code fetch-reviews} with its
     * {@code submitted} event on {@code job-events} under the id the push decided (the same for every redelivery of the
     * message). A job of one task, {@code review-change:<review>}, registered as every job is: its origin in its status and
     * the job in the job index, before it is published. Within the in-flight bound too (SubmissionsFull); not counted
     * against the jobs-per-minute limits, which are a caller's: Google sends one push per review written or edited.
     * Fails with JobNotDurable when Redis or the broker does not take it.
     */
    public Uni<Void> submitReviewChange(FetchReviewChange change, JobOrigin origin) {
        if (!inFlight.tryEnter()) {
            return Uni.createFrom().failure(new SubmissionsFull(inFlight.limit(), retryAfter));
        }
        String jobId = change.jobId();
        Instant submittedAt = change.createdAt();
        JobEvent submitted = new JobEvent(jobId, submittedAt, TaskIds.SUBMISSION, 0, JobEvent.Outcome.SUBMITTED,
                List.of(TaskIds.reviewChange(change.reviewId())), 0, 0, 0, 0, null);
        return keepOrigin(jobId, origin)
                .chain(() -> keepIndexed(jobId, origin, submittedAt))
                .chain(() -> publisher.publishReviewChange(change, submitted).onFailure().transform(this::notDurable))
                .invoke(() -> JobLog.info(jobId, JobLog.Position.NONE, "job accepted: %s of review %s of location %s, client %s",
                        change.notification(), change.reviewId(), change.locationId(), origin.clientId()))
                .call(() -> applySubmitted(submitted))
                .onTermination().invoke(inFlight::leave);
    }

    /**
     * {@code origin}: the job's client and schedule, null for a job on an access token (nothing to keep); {@code counted}:
     * whom the job counts against in the jobs-per-minute limits, null for a scheduled run.
     */
    private Uni<Accepted> admit(String jobId, Submission submission, JobOrigin origin, RateSubjects counted) {
        if (!inFlight.tryEnter()) {
            return Uni.createFrom().failure(new SubmissionsFull(inFlight.limit(), retryAfter));
        }
        // Counted after the in-flight place (a job refused for a full buffer takes no slot of its limits) and before the
        // exchange at token-service, which a caller over its limit should not cost. An admitted job keeps its slot
        // whatever happens after: each attempt costs the same.
        Uni<Void> admitted = counted == null ? Uni.createFrom().voidItem() : admission.admit(counted)
                .onFailure(AdmissionUnavailable.class).invoke(() -> unavailable.increment());
        return admitted.chain(() -> reference(submission.credential()))
                // The exchange's, keepRequested's, keepOrigin's and keepIndexed's failures are already refusals; whatever else
                // fails is the broker's part. One submitted time for the index and the events: the list's order is submitted_at's.
                .chain(kept -> {
                    Instant submittedAt = Instant.now();
                    return keepRequested(jobId, submission)
                            .chain(() -> keepOrigin(jobId, origin))
                            .chain(() -> keepIndexed(jobId, origin, submittedAt))
                            .chain(() -> publish(jobId, submittedAt, kept.reference(), submission, origin).onFailure().transform(this::notDurable))
                            .replaceWith(new Accepted(jobId, kept.expiresAt()));
                })
                .onTermination().invoke(inFlight::leave)
                .invoke(() -> (submission.credential() instanceof Submission.AccessToken ? acceptedWithToken : acceptedForClient).increment());
    }

    private Uni<KeptCredential> reference(Submission.Credential credential) {
        if (credential instanceof Submission.ManagedClient client) {
            return Uni.createFrom().item(new KeptCredential(client.reference(), null));
        }
        return credentials.keep(((Submission.AccessToken) credential).token());
    }

    /**
     * A narrowed job's locations, kept in its status before the job exists: its events do not carry them, and a job
     * run without them would end completed however many of them Google no longer lists. So Redis failing here refuses
     * the job (the broker's refusal's answer: try again shortly) instead of accepting it unchecked.
     */
    private Uni<Void> keepRequested(String jobId, Submission submission) {
        if (submission.locationIds() == null) {
            return Uni.createFrom().voidItem();
        }
        return statusStore.requestLocations(jobId, submission.locationIds()).onFailure().transform(failure -> {
            unavailable.increment();
            Log.warnf("A submission narrowed to locations was refused: its locations could not be kept in the job status (%s)",
                    failure.getClass().getSimpleName());
            return new JobNotDurable(retryAfter);
        });
    }

    /** The job's client and a scheduled run's schedule and trigger, kept in its status before the job exists (as keepRequested, and so refused alike). */
    private Uni<Void> keepOrigin(String jobId, JobOrigin origin) {
        if (origin == null) {
            return Uni.createFrom().voidItem();
        }
        return statusStore.recordOrigin(jobId, origin).onFailure().transform(failure -> {
            unavailable.increment();
            Log.warnf("A submission was refused: its origin could not be kept in the job status (%s)", failure.getClass().getSimpleName());
            return new JobNotDurable(retryAfter);
        });
    }

    /** The job in the job index, before it exists: a job published unindexed would run unlisted. Refused alike. */
    private Uni<Void> keepIndexed(String jobId, JobOrigin origin, Instant submittedAt) {
        return jobIndex.add(jobId, origin == null ? null : origin.clientId(), submittedAt).onFailure().transform(failure -> {
            unavailable.increment();
            Log.warnf("A submission was refused: it could not be added to the job index (%s)", failure.getClass().getSimpleName());
            return new JobNotDurable(retryAfter);
        });
    }

    private Uni<Void> publish(String jobId, Instant now, String reference, Submission submission, JobOrigin origin) {
        FetchAccounts job = submission.setsNotifications()
                ? FetchAccounts.notifications(jobId, now, reference, submission.accountIds(), submission.notifications())
                : new FetchAccounts(jobId, now, reference, submission.accountIds(), submission.locationIds(), submission.mode(), 0);
        JobEvent submitted = new JobEvent(jobId, now, TaskIds.SUBMISSION, 0, JobEvent.Outcome.SUBMITTED,
                List.of(TaskIds.ACCOUNTS), 0, 0, 0, 0, null);
        return publisher.publish(job, submitted)
                .invoke(() -> JobLog.info(jobId, JobLog.Position.NONE, "job accepted: %s, %s, accounts %s, locations %s, mode %s%s",
                        submission.credential() instanceof Submission.ManagedClient ? "managed client" : "access token",
                        !submission.setsNotifications() ? "fetch" : submission.notifications() ? "notifications on" : "notifications off",
                        named(submission.accountIds()), named(submission.locationIds()), submission.mode(),
                        origin == null || !origin.isScheduledRun() ? "" : ", " + origin.trigger() + " of schedule " + origin.scheduleId()))
                .call(() -> applySubmitted(submitted));
    }

    /**
     * The status is readable at once, before this pod's own consumer gets to the submitted event; applying it twice
     * changes nothing. If Redis fails here, the consumer still writes it.
     */
    private Uni<JobStatusStore.Finished> applySubmitted(JobEvent submitted) {
        return statusStore.apply(submitted)
                .onFailure().invoke(e -> JobLog.log(Logger.Level.DEBUG, submitted.jobId(), JobLog.Position.NONE,
                        "status not written at submission (%s)", e.getClass().getSimpleName()))
                .onFailure().recoverWithNull();
    }

    /** "all" when the submission names none (null), else how many it names. */
    private static String named(List<String> ids) {
        return ids == null ? "all" : ids.size() + " named";
    }

    private Throwable notDurable(Throwable failure) {
        unavailable.increment();
        Log.warnf("A submission could not be made durable on fetch-accounts (%s)", failure.getClass().getSimpleName());
        return new JobNotDurable(retryAfter);
    }

    private static Counter accepted(MeterRegistry registry, String credential) {
        return Counter.builder("ingress_submissions_accepted")
                .description("Submissions answered 202: durable on fetch-accounts")
                .tag("credential", credential)
                .register(registry);
    }
}
