package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.jobs.InvalidJobQuery;
import io.reviewfetcher.ingress.jobs.JobFilter;
import io.reviewfetcher.ingress.jobs.JobList;
import io.reviewfetcher.ingress.jobs.JobStatus;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
import io.reviewfetcher.ingress.jobs.JobsPage;
import io.reviewfetcher.ingress.schedules.ScheduleStore;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.reviewfetcher.ingress.submission.Submission;
import io.reviewfetcher.ingress.submission.SubmissionReader;
import io.reviewfetcher.ingress.submission.SubmissionRequest;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.reviewfetcher.support.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The job API: submissions, a job's status, the job list ({@link JobList}, shared with the operator console) and a
 * schedule's jobs. Bodies are taken as bytes and read by {@link SubmissionReader}, so that every bad input is
 * answered with a problem that names the field and never quotes the value, and so that a bulk call can
 * answer each item on its own. The domain refuses with its own exceptions; {@link SubmissionProblems} turns
 * them into answers. Every method is non-blocking: it runs on the event loop and waits for token-service,
 * the broker and Redis without holding a thread.
 */
@Path(ReviewFetchResource.PATH)
@Tag(name = "review-fetch", description = "Submit review-fetch jobs and follow them")
public class ReviewFetchResource {

    public static final String PATH = "/api/v1/review-fetch";
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SubmissionReader reader;
    private final JobSubmitter submitter;
    private final JobStatusStore statusStore;
    private final JobList jobList;
    private final ScheduleStore schedules;
    private final CallerKeys callerKeys;
    private final int maxBody;
    private final int maxBulkBody;
    private final int maxBulkItems;

    public ReviewFetchResource(SubmissionReader reader, JobSubmitter submitter, JobStatusStore statusStore, JobList jobList,
                               ScheduleStore schedules, CallerKeys callerKeys, IngressConfig config) {
        this.reader = reader;
        this.submitter = submitter;
        this.statusStore = statusStore;
        this.jobList = jobList;
        this.schedules = schedules;
        this.callerKeys = callerKeys;
        this.maxBody = config.limits().maxBodyBytes();
        this.maxBulkBody = config.limits().maxBulkBodyBytes();
        this.maxBulkItems = config.limits().maxBulkItems();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit a job: fetch every review the credential can manage",
            description = "Answers 202 once the job is durable on the fetch-accounts topic (acknowledged by the broker).")
    @APIResponse(responseCode = "202", description = "Accepted: the job is durable and queued; a job on an access token also hears when the token expires "
            + "(credential_expires_at, warnings): its work not done by then fails",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed body: not JSON, not an object, a wrong JSON type or an unknown field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "Missing or bad credential: Google refuses the token, or a client_id job lacks a valid X-API-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A client_id job with an X-API-Key that is valid, but not for this client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid value (bad id, mode, more than one credential)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The in-flight bound (DEQUE_MAX_SIZE) is reached (type buffer-full), or the X-API-Key or the "
            + "credential submitted its limit of jobs in the last minute (type rate-limited, the limit named in detail)",
            headers = @Header(name = "Retry-After", description = "seconds to wait", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker, token-service or Redis (the job rate limits) is unavailable; the job was not accepted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submit(
            @Parameter(in = ParameterIn.HEADER, name = "Authorization", description = "`Bearer <Google access token>` (or give access_token or client_id in the body)")
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(in = ParameterIn.HEADER, name = "X-API-Key", description = "one of INGRESS_API_KEYS, valid for the client; required for client_id jobs")
            @HeaderParam("X-API-Key") String apiKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionRequest.class)))
            byte[] body) {
        if (body != null && body.length > maxBody) {
            return Uni.createFrom().item(BodyLimitFilter.tooLarge(maxBody));
        }
        Submission submission = reader.read(body, authorization);
        return submitter.submit(submission, apiKey)
                .map(accepted -> Response.accepted(SubmissionAccepted.queued(accepted.jobId(), accepted.credentialExpiresAt(), Instant.now()))
                        .location(URI.create(PATH + "/" + accepted.jobId()))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .build());
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit up to 1,000 jobs in one call",
            description = "Each item is a submission body with its own access_token or client_id (X-API-Key applies to every "
                    + "client_id item); each is answered on its own, in order, with the status a single submission would have had "
                    + "(each item counts against the jobs-per-minute limits as one job).")
    @APIResponse(responseCode = "200", description = "One result per item",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No submissions, or more than 1,000",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submitBulk(
            @Parameter(in = ParameterIn.HEADER, name = "X-API-Key", description = "one of INGRESS_API_KEYS, valid for the items' clients; required for client_id items")
            @HeaderParam("X-API-Key") String apiKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BulkSubmissionRequest.class)))
            byte[] body) {
        if (body != null && body.length > maxBulkBody) {
            return Uni.createFrom().item(BodyLimitFilter.tooLarge(maxBulkBody));
        }
        List<JsonNode> items = reader.readBulk(body, maxBulkItems);
        List<Uni<BulkResult.Item>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            results.add(submitItem(items.get(i), i, apiKey));
        }
        return Uni.join().all(results).andFailFast()
                .map(done -> Response.ok(BulkResult.of(done)).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    private Uni<BulkResult.Item> submitItem(JsonNode item, int index, String apiKey) {
        Submission submission;
        try {
            submission = reader.readItem(item, index);
        } catch (RuntimeException e) {
            SubmissionProblems.Answer refusal = SubmissionProblems.answer(e);
            if (refusal == null) {
                throw e;
            }
            return Uni.createFrom().item(BulkResult.Item.refused(index, refusal.problem()));
        }
        return submitter.submit(submission, apiKey)
                .map(accepted -> BulkResult.Item.accepted(index, accepted, Instant.now()))
                .onFailure(e -> SubmissionProblems.answer(e) != null)
                .recoverWithItem(e -> BulkResult.Item.refused(index, SubmissionProblems.answer(e).problem()));
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "List jobs, newest first, or the jobs a schedule started",
            description = "Without schedule_id: the jobs submitted in the last 30 days (ingress.status.retention), newest first, each "
                    + "with its status, filtered by status and client_id. A call examines at most 10 × limit jobs (1,000 at most): "
                    + "a page may hold fewer than limit jobs, even none, and still have a next_cursor to go on from. A key valid for "
                    + "every client lists every job (also those on access tokens) or one client's; a key valid for some clients must "
                    + "name one of them in client_id. With schedule_id: the jobs that schedule started (ScheduledJobsPage; kept as long "
                    + "as ingress.schedules.runs-retention keeps them, 30 days, and gone with their schedule), neither filtered nor paged.")
    @APIResponse(responseCode = "200", description = "Without schedule_id a JobsPage; with it, the schedule's jobs as a ScheduledJobsPage "
            + "(none for a schedule that started none, or that does not exist)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {JobsPage.class, ScheduledJobsPage.class})))
    @APIResponse(responseCode = "400", description = "A bad parameter, named in errors: a status that is none, a malformed client_id or "
            + "schedule_id, a limit outside 1-100, a cursor this API did not answer, no client_id with a key valid for some clients "
            + "only, or status, client_id or cursor given with schedule_id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for client_id, or for the schedule's client (client-not-allowed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The job status (Redis) or, with schedule_id, the schedule store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS; "
                    + "one valid for some clients only must name one of them in client_id")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(description = "only the jobs of this status", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"queued", "running", "completed", "completed_with_errors", "failed"}))
            @QueryParam("status") String status,
            @Parameter(description = "only the jobs of this managed client (required with a key valid for some clients only)")
            @QueryParam("client_id") String clientId,
            @Parameter(description = "list the jobs this schedule started instead (the answer is then a ScheduledJobsPage)")
            @QueryParam("schedule_id") String scheduleId,
            @Parameter(description = "jobs per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + JobList.MAX_LIMIT, defaultValue = "" + JobList.DEFAULT_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "the next_cursor of the page before; none for the first page")
            @QueryParam("cursor") String cursor) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        if (scheduleId != null && !scheduleId.isEmpty()) {
            notWithSchedule("status", status);
            notWithSchedule("client_id", clientId);
            notWithSchedule("cursor", cursor);
            return jobsOfSchedule(caller, scheduleId, limit);
        }
        JobFilter filter = JobFilter.parse(status, clientId);
        int count = PageLimit.parse("limit", limit, JobList.DEFAULT_LIMIT, JobList.MAX_LIMIT);
        if (filter.clientId() != null) {
            caller.requireClient(filter.clientId());
        } else if (!caller.everyClient()) {
            // One client's index a call: listing several would merge pages of several walks. Name the one to list.
            throw new ProblemException(Problem.invalidParameter("client_id", "is required: this X-API-Key is valid for some clients only"));
        }
        return jobList.list(filter, count, cursor)
                .map(page -> Response.ok(page).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure(failure -> !(failure instanceof InvalidJobQuery)).transform(failure -> {
                    Log.warnf("Job list failed (%s); answered 503", failure.getClass().getName());
                    return ProblemException.unavailable("the job list is unavailable (Redis); try again shortly", null);
                });
    }

    /** A bad status, client_id, limit or cursor of the job list: a 400 naming it, never repeating it. */
    @ServerExceptionMapper
    public Response invalidQuery(InvalidJobQuery invalid) {
        return ProblemMappers.respond(Problem.invalidParameter(invalid.field(), invalid.reason()), null);
    }

    /** The schedule's jobs are not filtered or paged: a filter given with schedule_id would be ignored, so it is refused. */
    private static void notWithSchedule(String name, String value) {
        if (value != null && !value.isEmpty()) {
            throw new ProblemException(Problem.invalidParameter(name, "is not taken with schedule_id (a schedule's jobs are listed whole)"));
        }
    }

    /** The jobs a schedule started, newest first (the list before there was a job list; its answer stays as it was). */
    Uni<Response> jobsOfSchedule(Caller caller, String scheduleId, String limit) {
        String id = ScheduleIds.check("schedule_id", scheduleId);
        int count = PageLimit.parse("limit", limit, 20, 100);
        return SchedulesResource.allowedFor(caller, schedules, id)
                .chain(() -> schedules.runs(id, count))
                .map(runs -> Response.ok(ScheduledJobsPage.of(id, runs)).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure().transform(SchedulesResource::refusal);
    }

    @GET
    @Path("/{job_id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A job's status, counts and dead letters",
            description = "Built from job-events in Redis; kept 30 days after the job's last event. A scheduled run's job also "
                    + "names its schedule_id and trigger.")
    @APIResponse(responseCode = "200", description = "The job's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobStatus.class)))
    @APIResponse(responseCode = "400", description = "Not a job id (a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (never submitted, or expired)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> status(@Parameter(description = "the job_id a submission answered") @PathParam("job_id") String jobId) {
        if (!JOB_ID.matcher(jobId).matches()) {
            return Uni.createFrom().item(ProblemMappers.respond(Problem.invalidParameter("job_id", "must be a job id (a UUID)"), null));
        }
        String id = jobId.toLowerCase(Locale.ROOT);
        return statusStore.status(id)
                .map(status -> status != null
                        ? Response.ok(status).type(MediaType.APPLICATION_JSON_TYPE).build()
                        : ProblemMappers.respond(Problem.of(404, "job-not-found", "Job not found",
                        "no job with this id (never submitted, or its status expired 30 days after its last event)"), null))
                .onFailure().transform(e -> ProblemException.unavailable("job status is unavailable (Redis); try again shortly", null));
    }

    /** The bulk body, for the OpenAPI document only: items are read one by one (see {@link SubmissionReader#readItem}). */
    @Schema(name = "BulkSubmissionRequest")
    record BulkSubmissionRequest(@Schema(maxItems = 1000) List<SubmissionRequest> submissions) {
    }
}
