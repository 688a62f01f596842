package io.reviewfetcher.ingress.notifications;

import io.reviewfetcher.ingress.admission.Caller;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.ingress.api.CallerKeyCheck;
import io.reviewfetcher.ingress.api.ReviewFetchResource;
import io.reviewfetcher.ingress.api.SubmissionAccepted;
import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.ingress.submission.IdRules;
import io.reviewfetcher.ingress.submission.InvalidSubmission;
import io.reviewfetcher.ingress.submission.JobSubmitter;
import io.reviewfetcher.ingress.submission.Submission;
import io.reviewfetcher.support.apikeys.ApiKeys;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Google's review notifications of a managed client: turning them on or off is a job like a submission (the same caller
 * key rules, admission, job status and job list: {@link JobSubmitter}), which account-worker works by setting each of
 * the client's accounts' notification setting; reading them answers each account's state as account-worker recorded it
 * ({@link NotificationStateReader}). Only a managed client: Google's pushes are routed to the client whose credential
 * set them, and a submitted access token names no one to route them to.
 */
@Path(NotificationsResource.PATH)
@Tag(name = "notifications", description = "Google's review notifications of a managed client: each new or edited review pushed "
        + "to this service as Google publishes it, instead of waiting for the next run")
public class NotificationsResource {

    public static final String PATH = "/api/v1/clients/{client_id}/notifications";

    private final CallerKeys callerKeys;
    private final JobSubmitter submitter;
    private final NotificationStateReader states;
    private final int maxIds;

    public NotificationsResource(CallerKeys callerKeys, JobSubmitter submitter, NotificationStateReader states, IngressConfig config) {
        this.callerKeys = callerKeys;
        this.submitter = submitter;
        this.states = states;
        this.maxIds = config.limits().maxIds();
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Turn the client's review notifications on",
            description = "Submits a job that points every account of the client (or those named in account_id) at this "
                    + "service's Pub/Sub topic for NEW_REVIEW and UPDATED_REVIEW, one quota permit per account, and routes the "
                    + "accounts' pushes to this client. Answers 202 once the job is durable, like a submission; follow it at "
                    + "status_url, and read each account's state here with GET. An account Google refuses is failed on its own "
                    + "(the job then ends completed_with_errors).")
    @APIResponse(responseCode = "202", description = "Accepted: the job is durable and queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionAccepted.class)))
    @APIResponse(responseCode = "400", description = "client_id is not a client id", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for this client (client-not-allowed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "token-service has no such client (client-not-found)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A bad account_id, or a Google access token (Authorization) instead of a "
            + "managed client: pushes for it could not be routed", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The in-flight bound is reached, or the key or the client submitted its limit of jobs "
            + "in the last minute", headers = @Header(name = "Retry-After", description = "seconds to wait",
            schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker, Redis or token-service is unavailable; nothing was submitted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> turnOn(@Parameter(description = "a managed client (letters, digits, _ and -)") @PathParam("client_id") String clientId,
                                @Parameter(description = "only these accounts (bare ids, repeatable); none: every account of the client")
                                @QueryParam("account_id") List<String> accountIds,
                                @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true,
                                        description = "one of INGRESS_API_KEYS, valid for the client")
                                @HeaderParam(ApiKeys.HEADER) String apiKey,
                                @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return submit(clientId, accountIds, apiKey, authorization, true);
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Turn the client's review notifications off",
            description = "Submits a job that clears the notification setting of every account of the client (or those named in "
                    + "account_id), one quota permit per account: Google then publishes nothing for them, and a push still on its "
                    + "way is not routed. Answers 202 like turning them on.")
    @APIResponse(responseCode = "202", description = "Accepted: the job is durable and queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubmissionAccepted.class)))
    @APIResponse(responseCode = "400", description = "client_id is not a client id", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for this client (client-not-allowed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "token-service has no such client (client-not-found)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A bad account_id, or a Google access token (Authorization) instead of a managed client",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The in-flight bound is reached, or the key or the client submitted its limit of jobs "
            + "in the last minute", headers = @Header(name = "Retry-After", description = "seconds to wait",
            schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker, Redis or token-service is unavailable; nothing was submitted",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> turnOff(@Parameter(description = "a managed client (letters, digits, _ and -)") @PathParam("client_id") String clientId,
                                 @Parameter(description = "only these accounts (bare ids, repeatable); none: every account of the client")
                                 @QueryParam("account_id") List<String> accountIds,
                                 @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true,
                                         description = "one of INGRESS_API_KEYS, valid for the client")
                                 @HeaderParam(ApiKeys.HEADER) String apiKey,
                                 @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return submit(clientId, accountIds, apiKey, authorization, false);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "The client's notification state per account",
            description = "What the jobs that turned the client's notifications on or off last set on Google for each account "
                    + "they reached, by account id: on, off or failed, with the topic and types, when, and why.")
    @APIResponse(responseCode = "200", description = "Each account's state (none before the first job)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClientNotifications.class)))
    @APIResponse(responseCode = "400", description = "client_id is not a client id", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No X-API-Key, or not one of INGRESS_API_KEYS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The X-API-Key is not valid for this client (client-not-allowed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "token-service has no such client (client-not-found)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Redis or token-service is unavailable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ClientNotifications> read(@Parameter(description = "a managed client") @PathParam("client_id") String clientId,
                                         @Parameter(in = ParameterIn.HEADER, name = ApiKeys.HEADER, required = true,
                                                 description = "one of INGRESS_API_KEYS, valid for the client")
                                         @HeaderParam(ApiKeys.HEADER) String apiKey) {
        Caller caller = CallerKeyCheck.require(callerKeys, apiKey);
        requireClientId(clientId);
        caller.requireClient(clientId);
        return states.read(clientId);
    }

    /** The checks of the request itself; the key's scope, the client and the job are {@link JobSubmitter}'s. */
    private Uni<Response> submit(String clientId, List<String> accountIds, String apiKey, String authorization, boolean on) {
        CallerKeyCheck.require(callerKeys, apiKey);
        requireClientId(clientId);
        if (authorization != null) {
            // A submitter's own Google token: pushes for its accounts could not be routed to anyone.
            throw InvalidSubmission.invalidField("Authorization", "is not taken: notifications are set only for the managed client "
                    + "the path names, whose pushes can be routed to it, never for a submitted access token");
        }
        List<InvalidSubmission.FieldError> errors = new ArrayList<>();
        List<String> accounts = IdRules.ids(accountIds == null || accountIds.isEmpty() ? null : accountIds, "account_id", maxIds, errors);
        if (!errors.isEmpty()) {
            throw InvalidSubmission.invalidFields(errors);
        }
        return submitter.submit(Submission.notifications(new Submission.ManagedClient(clientId), accounts, on), apiKey)
                .map(accepted -> Response.accepted(SubmissionAccepted.queued(accepted.jobId(), null, Instant.now()))
                        .location(URI.create(ReviewFetchResource.PATH + "/" + accepted.jobId()))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .build());
    }

    /** A path that names no client id: 400 naming it, never repeating it. */
    static void requireClientId(String clientId) {
        if (!IdRules.isClientId(clientId)) {
            throw new ProblemException(Problem.invalidParameter("client_id", IdRules.CLIENT_ID_RULE));
        }
    }
}
