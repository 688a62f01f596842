package io.reviewfetcher.ingress.api;

import io.quarkus.logging.Log;
import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.admission.ClientNotAllowed;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.credentials.RegisteredClients;
import io.reviewfetcher.ingress.schedules.NewSchedule;
import io.reviewfetcher.ingress.schedules.Schedule;
import io.reviewfetcher.ingress.schedules.ScheduleBodyReader;
import io.reviewfetcher.ingress.schedules.SchedulePatch;
import io.reviewfetcher.ingress.schedules.ScheduleStore;
import io.reviewfetcher.ingress.submission.InvalidSubmission;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.net.URI;
import java.util.Set;

/**
 * The schedule API, for a caller holding an {@code X-API-Key} of INGRESS_API_KEYS (the keys of client_id jobs), checked
 * before anything else (401), and valid for the schedule's client ({@link ClientNotAllowed}, 403): a schedule runs its
 * client's jobs, so only a key that may submit them may create, read, change or delete it, and a list shows only the
 * schedules of the key's clients. Bodies are taken as bytes and read by {@link ScheduleBodyReader}, whose refusals are answered
 * as a job submission's ({@link SubmissionProblems}: 400 malformed, 422 invalid, fields named, values never repeated).
 * A new schedule's client must exist in token-service ({@link RegisteredClients}: 422 if not, 503 when it cannot tell).
 * Non-blocking: the store is the reactive PostgreSQL client. Which pod starts a due run is not this class's concern
 * (see {@link io.reviewfetcher.ingress.schedules.SchedulePoller}).
 */
@Path(SchedulesResource.PATH)
@Tag(name = "schedules", description = "Syncs that run by themselves: incremental and full runs of a managed client, each started once")
public class SchedulesResource {

    public static final String PATH = "/api/v1/schedules";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ScheduleStore store;
    private final ScheduleBodyReader reader;
    private final CallerKeys callerKeys;
    private final RegisteredClients registeredClients;
    private final int maxBody;

    @Inject
    public SchedulesResource(ScheduleStore store, ScheduleBodyReader reader, CallerKeys callerKeys, RegisteredClients registeredClients,
                             IngressConfig config) {
        this(store, reader, callerKeys, registeredClients, config.limits().maxBodyBytes());
    }

    SchedulesResource(ScheduleStore store, ScheduleBodyReader reader, CallerKeys callerKeys, RegisteredClients registeredClients,
                      int maxBody) {
        this.store = store;
        this.reader = reader;
        this.callerKeys = callerKeys;
        this.registeredClients = registeredClients;
        this.maxBody = maxBody;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Create a schedule",
            description = "Incremental and/or full runs of a managed client's jobs, every incremental_every / full_every. Each kind "
                    + "is first due at once; a run due for both is one full run. Each run is an ordinary job, started once across all pods.")
    @APIResponse(responseCode = "201", description = "Created; Location names the schedule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body: not JSON, not an object, a wrong JSON type, a duplicate key or an unknown field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for the schedule's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An invalid value: no or a bad client_id, a client_id token-service has no client "
            + "for (a registered client not yet connected is accepted: its runs fail until the business completes the OAuth consent), "
            + "a bad id, no interval, an interval that is no ISO-8601 duration (of days at most), not whole seconds, under its minimum "
            + "(PT5M incremental, PT1H full) or over P366D",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable, or token-service cannot tell "
            + "whether the client exists (then with Retry-After); nothing was created",
            headers = @Header(name = "Retry-After", description = "seconds to wait (when token-service did not answer)",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS, valid for the schedule's client")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleRequests.Create.class)))
            byte[] body) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        if (body != null && body.length > maxBody) {
            return Uni.createFrom().item(BodyLimitFilter.tooLarge(maxBody));
        }
        NewSchedule schedule = reader.readNew(body);
        caller.requireClient(schedule.clientId());
        // After the key's check: a key not valid for the client learns nothing of whether it exists.
        return Uni.createFrom().deferred(() -> registeredClients.requireRegistered(schedule.clientId()))
                .chain(() -> store.create(schedule))
                .map(created -> Response.created(URI.create(PATH + "/" + created.id()))
                        .entity(ScheduleView.of(created)).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure().transform(SchedulesResource::refusal);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "List schedules, newest first", description = "Only the schedules of the clients the X-API-Key is valid for "
            + "(every schedule for a key valid for every client).")
    @APIResponse(responseCode = "200", description = "A page of schedules and the cursor of the next",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SchedulesPage.class)))
    @APIResponse(responseCode = "400", description = "A limit outside 1-100, or a cursor this API did not answer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> list(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(description = "schedules per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "" + MAX_LIMIT, defaultValue = "" + DEFAULT_LIMIT))
            @QueryParam("limit") String limit,
            @Parameter(description = "the next_cursor of the page before; none for the first page")
            @QueryParam("cursor") String cursor) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        int pageSize = PageLimit.parse("limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        String after = cursor == null || cursor.isEmpty() ? null : cursor;
        Set<String> clients = caller.everyClient() ? null : caller.clients();
        return Uni.createFrom().deferred(() -> store.list(pageSize, after, clients))
                .map(page -> Response.ok(SchedulesPage.of(page)).type(MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure().transform(failure -> failure instanceof IllegalArgumentException && after != null
                        ? new ProblemException(Problem.invalidParameter("cursor", "is not a cursor this API answered; start again without one"))
                        : refusal(failure));
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A schedule, with its next due times and its runs started and skipped")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "Not a schedule id (a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for the schedule's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS, valid for the schedule's client")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(description = "the schedule's id") @PathParam("id") String id) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        String scheduleId = ScheduleIds.check("id", id);
        return Uni.createFrom().deferred(() -> store.get(scheduleId))
                .onFailure().transform(SchedulesResource::refusal)
                .map(schedule -> {
                    if (schedule != null) {
                        caller.requireClient(schedule.clientId());
                    }
                    return found(schedule);
                });
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Change, pause or resume a schedule",
            description = "The fields given change, the others stay. \"paused\": true pauses (no run starts; the due times stay), false "
                    + "resumes (a run that fell due meanwhile runs once, at once). A changed interval counts from the change; an interval "
                    + "set to null stops that kind of run (one must remain); a scope set to null widens the jobs to every account or location.")
    @APIResponse(responseCode = "200", description = "The schedule as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "Not a schedule id, or a malformed body (as for POST)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for the schedule's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An invalid value (as for POST), client_id (it cannot change), or no interval left",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable; nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> update(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS, valid for the schedule's client")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(description = "the schedule's id") @PathParam("id") String id,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ScheduleRequests.Patch.class)))
            byte[] body) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        String scheduleId = ScheduleIds.check("id", id);
        if (body != null && body.length > maxBody) {
            return Uni.createFrom().item(BodyLimitFilter.tooLarge(maxBody));
        }
        SchedulePatch patch = reader.readPatch(body);
        return allowedFor(caller, store, scheduleId)
                .chain(() -> store.update(scheduleId, patch))
                .onFailure().transform(SchedulesResource::refusal)
                .map(SchedulesResource::found);
    }

    @DELETE
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Delete a schedule", description = "No run starts after this; jobs it started run on, and their status stays "
            + "readable by job id (the list of its jobs goes with the schedule).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "Not a schedule id (a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for the schedule's client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The schedule store (PostgreSQL) is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(
            @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true, description = "one of INGRESS_API_KEYS, valid for the schedule's client")
            @HeaderParam(ApiKeys.HEADER) String apiKey,
            @Parameter(description = "the schedule's id") @PathParam("id") String id) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        String scheduleId = ScheduleIds.check("id", id);
        return allowedFor(caller, store, scheduleId)
                .chain(() -> store.delete(scheduleId))
                .onFailure().transform(SchedulesResource::refusal)
                .map(deleted -> {
                    if (!deleted) {
                        throw notFound();
                    }
                    return Response.noContent().build();
                });
    }

    private static Response found(Schedule schedule) {
        if (schedule == null) {
            throw notFound();
        }
        return Response.ok(ScheduleView.of(schedule)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.of(404, "schedule-not-found", "Schedule not found", "no schedule with this id"));
    }

    /**
     * Completes when the caller may act on the schedule, or when there is no such schedule (the action then answers 404);
     * fails with {@link ClientNotAllowed} for a schedule of another client. A schedule's client never changes, so the
     * answer holds for the action that follows. A key valid for every client needs no look-up.
     */
    static Uni<Void> allowedFor(Caller caller, ScheduleStore store, String scheduleId) {
        if (caller.everyClient()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> store.get(scheduleId)).invoke(schedule -> {
            if (schedule != null) {
                caller.requireClient(schedule.clientId());
            }
        }).replaceWithVoid();
    }

    /** A refusal (of the body, or of the key for the schedule's client) passes; any other failure is the store's, told without its details. */
    static Throwable refusal(Throwable failure) {
        if (failure instanceof InvalidSubmission || failure instanceof ProblemException || failure instanceof ClientNotAllowed) {
            return failure;
        }
        // The type only: a database client's message can hold a host, a user or a statement's values.
        Log.warnf("Schedule store failed (%s); answered 503", failure.getClass().getName());
        return ProblemException.unavailable("the schedule store is unavailable; try again shortly", null);
    }
}
