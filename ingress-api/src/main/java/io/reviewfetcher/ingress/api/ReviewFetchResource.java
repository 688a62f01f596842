package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.jobs.JobStatus;
import io.reviewfetcher.ingress.jobs.JobStatusStore;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The job API. Bodies are taken as bytes and read by {@link SubmissionReader}, so that every bad input is
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
    private final ScheduleStore schedules;
    private final CallerKeys callerKeys;
    private final int maxBody;
    private final int maxBulkBody;
    private final int maxBulkItems;

    public ReviewFetchResource(SubmissionReader reader, JobSubmitter submitter, JobStatusStore statusStore, ScheduleStore schedules,
                               CallerKeys callerKeys, IngressConfig config) {
        this.reader = reader;
        this.submitter = submitter;
        this.statusStore = statusStore;
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
    @Operation(summary = "The jobs a schedule started, newest first",
            description = "Each scheduled run is an ordinary job: follow its status_url. Runs are listed as long as "
                    + "ingress.schedules.runs-retention keeps them (30 days), and go with their schedule when it is deleted. "
                    + "Only a schedule's jobs are listed: schedule_id is required.")
    @APIResponse(responseCode = "200", description = "The schedule's jobs (none for a schedule that started none, or that does not exist)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduledJobsPage.class)))
    @APIResponse(responseCode = "400", description = "No or a malformed schedule_id, or a limit outside 1-100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for the schedule's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> jobsOfSchedule(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(required = true, description = "the schedule whose jobs to list") @QueryParam("schedule_id") String scheduleId,
            @Parameter(description = "jobs to list", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER,
                    minimum = "1", maximum = "100", defaultValue = "20"))
            @QueryParam("limit") String limit) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        if (scheduleId == null || scheduleId.isEmpty()) {
            throw new ProblemException(Problem.invalidParameter("schedule_id", "is required: jobs are listed by schedule"));
        }
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
