package io.reviewfetcher.ingress.console;

import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.ingress.api.ScheduleView;
import io.reviewfetcher.ingress.api.SubmissionAccepted;
import io.reviewfetcher.ingress.jobs.InvalidJobQuery;
import io.reviewfetcher.ingress.jobs.JobFilter;
import io.reviewfetcher.ingress.jobs.JobList;
import io.reviewfetcher.ingress.jobs.JobsPage;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.reviewfetcher.ingress.notifications.ClientNotifications;
import io.reviewfetcher.ingress.notifications.NotificationStateReader;
import io.reviewfetcher.ingress.schedules.SchedulePatch;
import io.reviewfetcher.ingress.schedules.ScheduleStore;
import io.reviewfetcher.ingress.submission.IdRules;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.reviewfetcher.ingress.submission.Submission;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.tokenservice.QuotaUsage;
import io.reviewfetcher.tokenservice.TokenServiceAdminApi;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the console page shows and does, for a logged-in operator ({@link ConsoleGuard}): jobs from the status store,
 * schedules from the schedule store, the quota from token-service, dead letters from retry-service, the workers'
 * intake from each pod, and a client's review notifications (turned on or off by the same jobs as the public API's). Any ingress-api pod answers the same: everything lives in Redis, PostgreSQL or the other
 * services. A service that does not answer is reported by name (503), never with its error's details.
 */
@Path(ConsoleApi.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleApi {

    public static final String PATH = "/console/api";
    /** Dead letters read from retry-service per look: enough to group an incident's letters, bounded for the page. */
    static final int DEAD_LETTERS_READ = 1000;
    /** Jobs per page of the console's list (live: the first page is read again every 2 s). */
    static final int JOBS_PER_PAGE = 25;
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JobList jobList;
    private final JobStatusStore statusStore;
    private final ScheduleStore schedules;
    private final TokenServiceAdminApi tokenService;
    private final RetryServiceApi retryService;
    private final WorkerPods workers;
    private final AdminKey adminKey;
    private final JobSubmitter submitter;
    private final NotificationStateReader notificationStates;

    public ConsoleApi(JobList jobList, JobStatusStore statusStore, ScheduleStore schedules, @RestClient TokenServiceAdminApi tokenService,
                      @RestClient RetryServiceApi retryService, WorkerPods workers, AdminKey adminKey, JobSubmitter submitter,
                      NotificationStateReader notificationStates) {
        this.jobList = jobList;
        this.submitter = submitter;
        this.notificationStates = notificationStates;
        this.statusStore = statusStore;
        this.schedules = schedules;
        this.tokenService = tokenService;
        this.retryService = retryService;
        this.workers = workers;
        this.adminKey = adminKey;
    }

    // --- jobs ---------------------------------------------------------------------------------------------------

    /** Jobs, newest first, of every client (the operator sees all): the job list's first page, or the one at the cursor. */
    @GET
    @Path("/jobs")
    public Uni<JobsPage> jobs(@QueryParam("status") String status, @QueryParam("client_id") String clientId,
                              @QueryParam("cursor") String cursor) {
        try {
            return jobList.list(JobFilter.parse(status, clientId), JOBS_PER_PAGE, cursor)
                    .onFailure(InvalidJobQuery.class).transform(ConsoleApi::invalid)
                    .onFailure().transform(e -> unavailable("the job status store (Redis)", e));
        } catch (InvalidJobQuery e) {
            throw invalid(e);
        }
    }

    private static ProblemException invalid(Throwable query) {
        InvalidJobQuery invalid = (InvalidJobQuery) query;
        return new ProblemException(Problem.invalidParameter(invalid.field(), invalid.reason()));
    }

    // --- quota --------------------------------------------------------------------------------------------------

    @GET
    @Path("/quota")
    public Uni<QuotaUsage> quota() {
        return tokenService.quota(adminKey.value()).onFailure().transform(e -> unavailable("token-service", e));
    }

    // --- dead letters -------------------------------------------------------------------------------------------

    @GET
    @Path("/dead-letters")
    public Uni<DeadLetterGroups> deadLetters() {
        return retryService.list(adminKey.value(), DEAD_LETTERS_READ)
                .map(letters -> DeadLetterGroups.of(letters, DEAD_LETTERS_READ))
                .onFailure().transform(e -> unavailable("retry-service", e));
    }

    /** A selection to replay: causes (topic and reason) from the dead-letter list, or one job's letters. */
    @RegisterForReflection
    public record ReplaySelection(List<Cause> causes, String jobId) {
        @RegisterForReflection
        public record Cause(String sourceTopic, String reason) {
        }
    }

    @RegisterForReflection
    public record ReplayResult(int replayed) {
    }

    @POST
    @Path("/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReplayResult> replay(ReplaySelection selection) {
        List<RetryServiceApi.ReplayRequest> requests = replayRequests(selection);
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(request -> retryService.replay(adminKey.value(), request))
                .collect().asList()
                .map(done -> new ReplayResult(done.stream().mapToInt(RetryServiceApi.Replayed::replayed).sum()))
                .invoke(result -> Log.infof("console: %d dead letters replayed", result.replayed()))
                .onFailure().transform(e -> unavailable("retry-service", e));
    }

    static List<RetryServiceApi.ReplayRequest> replayRequests(ReplaySelection selection) {
        if (selection == null) {
            throw new ProblemException(Problem.invalidParameter("body", "name the causes or the job to replay"));
        }
        if (selection.jobId() != null) {
            String id = selection.jobId().toLowerCase(Locale.ROOT);
            if (!JOB_ID.matcher(id).matches()) {
                throw new ProblemException(Problem.invalidParameter("job_id", "must be a job id (a UUID)"));
            }
            return List.of(new RetryServiceApi.ReplayRequest(id, null, null));
        }
        List<ReplaySelection.Cause> causes = selection.causes() == null ? List.of() : selection.causes();
        if (causes.isEmpty() || causes.stream().anyMatch(c -> c == null || c.sourceTopic() == null || c.reason() == null || c.reason().isEmpty())) {
            throw new ProblemException(Problem.invalidParameter("causes", "select at least one cause, each with its source_topic and reason"));
        }
        return causes.stream().map(c -> new RetryServiceApi.ReplayRequest(null, c.sourceTopic(), c.reason())).toList();
    }

    // --- schedules ----------------------------------------------------------------------------------------------

    /** A schedule with the status of its last run's job (null before its first run, or once the status expired). */
    @RegisterForReflection
    public record ScheduleRow(ScheduleView schedule, String lastRunStatus) {
    }

    @GET
    @Path("/schedules")
    public Uni<List<ScheduleRow>> schedules() {
        return schedules.list(100, null, null)
                .onFailure().transform(e -> unavailable("the schedule store (PostgreSQL)", e))
                .chain(page -> Multi.createFrom().iterable(page.schedules())
                        .onItem().transformToUniAndConcatenate(schedule -> lastRunStatus(schedule.lastJobId())
                                .map(status -> new ScheduleRow(ScheduleView.of(schedule), status)))
                        .collect().asList());
    }

    private Uni<String> lastRunStatus(String jobId) {
        if (jobId == null) {
            return Uni.createFrom().nullItem();
        }
        return statusStore.status(jobId).map(status -> status == null ? null : status.status())
                .onFailure().recoverWithNull();
    }

    @POST
    @Path("/schedules/{id}/pause")
    public Uni<ScheduleView> pauseSchedule(@PathParam("id") String id) {
        return setPaused(id, true);
    }

    @POST
    @Path("/schedules/{id}/resume")
    public Uni<ScheduleView> resumeSchedule(@PathParam("id") String id) {
        return setPaused(id, false);
    }

    private Uni<ScheduleView> setPaused(String id, boolean paused) {
        String scheduleId = id.toLowerCase(Locale.ROOT);
        if (!JOB_ID.matcher(scheduleId).matches()) {
            throw new ProblemException(Problem.invalidParameter("id", "must be a schedule id (a UUID)"));
        }
        return schedules.update(scheduleId, new SchedulePatch(paused, null, null, null, null))
                .onFailure().transform(e -> unavailable("the schedule store (PostgreSQL)", e))
                .map(schedule -> {
                    if (schedule == null) {
                        throw new ProblemException(Problem.of(404, "schedule-not-found", "Schedule not found", "no schedule with this id"));
                    }
                    Log.infof("console: schedule %s %s", scheduleId, paused ? "paused" : "resumed");
                    return ScheduleView.of(schedule);
                });
    }

    // --- notifications ------------------------------------------------------------------------------------------

    /** A client's notification state per account, as the public API answers it. */
    @GET
    @Path("/notifications/{client_id}")
    public Uni<ClientNotifications> notifications(@PathParam("client_id") String clientId) {
        return notificationStates.read(checkedClientId(clientId));
    }

    /** Turns the client's notifications on: the job the public API submits, for every account of the client. */
    @POST
    @Path("/notifications/{client_id}/on")
    @ResponseStatus(202)
    public Uni<SubmissionAccepted> notificationsOn(@PathParam("client_id") String clientId) {
        return setNotifications(clientId, true);
    }

    @POST
    @Path("/notifications/{client_id}/off")
    @ResponseStatus(202)
    public Uni<SubmissionAccepted> notificationsOff(@PathParam("client_id") String clientId) {
        return setNotifications(clientId, false);
    }

    private Uni<SubmissionAccepted> setNotifications(String clientId, boolean on) {
        String client = checkedClientId(clientId);
        return submitter.submitForOperator(Submission.notifications(new Submission.ManagedClient(client), null, on))
                .invoke(accepted -> Log.infof("console: notifications of client %s turned %s (job %s)", client, on ? "on" : "off",
                        accepted.jobId()))
                .map(accepted -> SubmissionAccepted.queued(accepted.jobId(), null, Instant.now()));
    }

    private static String checkedClientId(String clientId) {
        if (!IdRules.isClientId(clientId)) {
            throw new ProblemException(Problem.invalidParameter("client_id", IdRules.CLIENT_ID_RULE));
        }
        return clientId;
    }

    // --- workers ------------------------------------------------------------------------------------------------

    /**
     * A pod's intake and the Google calls it made since it started: {@code paused} null when the pod did not answer
     * ({@code problem} says so), {@code googleCalls} null when its metrics name none.
     */
    @RegisterForReflection
    public record WorkerIntake(String worker, String url, Boolean paused, String problem, GoogleCalls googleCalls) {
    }

    @GET
    @Path("/workers")
    public Uni<List<WorkerIntake>> workerIntakes() {
        return workers.pods().chain(pods -> Multi.createFrom().iterable(pods)
                .onItem().transformToUniAndMerge(pod -> workers.intake(pod).chain(api -> api.state(adminKey.value())
                        .chain(state -> api.metrics().map(GoogleCalls::parse).onFailure().recoverWithNull()
                                .map(calls -> new WorkerIntake(pod.worker(), pod.url(), state.paused(), null, calls))))
                        .onFailure().recoverWithItem(e -> new WorkerIntake(pod.worker(), pod.url(), null, "does not answer", null)))
                .collect().asList()
                // Asked at once, answered in any order: listed in the configured order.
                .map(answers -> answers.stream().sorted(Comparator.comparingInt(a -> pods.indexOf(new WorkerPods.Pod(a.worker(), a.url()))))
                        .toList()));
    }

    @POST
    @Path("/workers/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WorkerIntake> pauseWorker(WorkerPods.Pod pod) {
        return setIntake(pod, true);
    }

    @POST
    @Path("/workers/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<WorkerIntake> resumeWorker(WorkerPods.Pod pod) {
        return setIntake(pod, false);
    }

    private Uni<WorkerIntake> setIntake(WorkerPods.Pod pod, boolean pause) {
        if (pod == null || pod.worker() == null || pod.url() == null) {
            throw new ProblemException(Problem.invalidParameter("body", "name the pod: worker and url, as the workers list gives them"));
        }
        return workers.intake(pod).chain(intake -> {
            if (intake == null) {
                throw new ProblemException(Problem.of(404, "worker-not-found", "No such worker pod", "not one of the pods the console lists"));
            }
            return (pause ? intake.pause(adminKey.value()) : intake.resume(adminKey.value()))
                    .onFailure().transform(e -> unavailable(pod.worker() + " at " + pod.url(), e));
        }).map(state -> {
            Log.infof("console: intake of %s at %s %s", pod.worker(), pod.url(), state.paused() ? "paused" : "resumed");
            return new WorkerIntake(pod.worker(), pod.url(), state.paused(), null, null);
        });
    }

    /** A dependency did not answer: said by name, with no detail of the error (which might quote a request). */
    private static Throwable unavailable(String what, Throwable cause) {
        if (cause instanceof ProblemException) {
            return cause;
        }
        Log.warnf("console: %s did not answer (%s)", what, cause.getClass().getSimpleName());
        return ProblemException.unavailable(what + " does not answer; try again shortly", null);
    }
}
