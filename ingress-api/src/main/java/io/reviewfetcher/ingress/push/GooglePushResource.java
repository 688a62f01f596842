package io.reviewfetcher.ingress.push;

import io.reviewfetcher.support.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Google's review notifications, as our Pub/Sub push subscription delivers them: the token first ({@link PushTokenVerifier},
 * on a worker thread), then the envelope ({@link PushEnvelopeReader}), then the job ({@link ReviewNotifications}). Pub/Sub
 * takes a 2xx as the message's acknowledgement and redelivers on anything else, so 204 means done with this message (a
 * job published, or nothing to do), and every failure that may pass (Redis, the broker) is a 503. Refusals are answered
 * by {@link PushProblems}; every push is counted by outcome ({@link PushCounts}).
 */
@Path(GooglePushResource.PATH)
@Tag(name = "google-notifications", description = "For Google's Pub/Sub push subscription only, not for callers")
public class GooglePushResource {

    public static final String PATH = "/api/v1/google/notifications";

    private final PushTokenVerifier tokens;
    private final PushEnvelopeReader reader;
    private final ReviewNotifications jobs;
    private final PushCounts counts;

    public GooglePushResource(PushTokenVerifier tokens, PushEnvelopeReader reader, ReviewNotifications jobs, PushCounts counts) {
        this.tokens = tokens;
        this.reader = reader;
        this.jobs = jobs;
        this.counts = counts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(Problem.MEDIA_TYPE)
    @Operation(summary = "Receive a Google review notification (Pub/Sub push; not for callers)",
            description = "The endpoint of the Pub/Sub push subscription that Google's My Business notifications are published to "
                    + "(GOOGLE_PUSH_AUDIENCE, GOOGLE_PUSH_SERVICE_ACCOUNT): Pub/Sub calls it, nobody else can. The body is Pub/Sub's "
                    + "push envelope; its message's data is Google's notification, base64-encoded. A NEW_REVIEW or UPDATED_REVIEW of "
                    + "an account a client has notifications on becomes a job of one task that fetches that review (trigger "
                    + "notification, listed with the client's jobs); its id follows from the subscription and the message id, so a "
                    + "redelivery is the same job and is not published again. Pub/Sub redelivers a message answered anything but 2xx.")
    @APIResponse(responseCode = "204", description = "Done with this message: its job is durable on fetch-reviews and job-events, or it "
            + "was published before (a redelivery), or it is not for us (another notification type, an account no client has "
            + "notifications on)")
    @APIResponse(responseCode = "400", description = "Not a Pub/Sub envelope of a Google notification: not JSON, or a field missing or "
            + "malformed (named in errors: message.messageId, message.publishTime, message.data, message.data.type, "
            + "message.data.reviewName, subscription, ...)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The token is missing, or not our push subscription's: not signed by Google, "
            + "expired, or with another issuer, audience or service account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The bound of jobs in flight (DEQUE_MAX_SIZE) is reached; Pub/Sub delivers it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Redis or the broker did not take it (Pub/Sub delivers it again), or the endpoint "
            + "is off: GOOGLE_PUSH_AUDIENCE or GOOGLE_PUSH_SERVICE_ACCOUNT is not configured",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receive(
            @Parameter(in = ParameterIn.HEADER, name = "Authorization", required = true,
                    description = "`Bearer <OIDC token>` that Google signs for the push subscription's service account and audience")
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestBody(required = true, description = "Pub/Sub's push envelope",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PushEnvelopeDocument.class)))
            byte[] body) {
        if (!tokens.enabled()) {
            counts.count(PushOutcome.UNAVAILABLE);
            throw new PushUnavailable("Google review notifications are off: GOOGLE_PUSH_AUDIENCE and GOOGLE_PUSH_SERVICE_ACCOUNT are not both configured");
        }
        return tokens.check(authorization)
                .map(verified -> reader.read(body))
                .chain(jobs::take)
                .invoke(counts::count)
                .onFailure().invoke(failure -> counts.count(PushOutcome.of(failure)))
                .map(outcome -> Response.noContent().build());
    }

    /** Pub/Sub's push envelope, for the OpenAPI document only: bodies are read by {@link PushEnvelopeReader}. */
    @Schema(name = "PubSubPushEnvelope")
    record PushEnvelopeDocument(Message message, @Schema(example = "projects/my-project/subscriptions/review-notifications") String subscription) {

        @Schema(name = "PubSubMessage")
        record Message(@Schema(description = "base64 of Google's notification, e.g. {\"type\":\"NEW_REVIEW\",\"reviewName\":"
                + "\"accounts/A/locations/L/reviews/R\",\"locationName\":\"accounts/A/locations/L\"}") String data,
                       @Schema(name = "messageId") String messageId,
                       @Schema(name = "publishTime", description = "RFC 3339") String publishTime,
                       java.util.Map<String, String> attributes) {
        }
    }
}
