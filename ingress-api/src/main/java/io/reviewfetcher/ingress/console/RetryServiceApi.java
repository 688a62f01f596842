package io.reviewfetcher.ingress.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** retry-service's dead-letter API ({@code RETRY_SERVICE_URL}, admin key): what the console lists and replays. */
@RegisterRestClient(configKey = "retry-service")
@Path("/api/v1/dlq")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface RetryServiceApi {

    @GET
    Uni<List<Letter>> list(@HeaderParam("X-API-Key") String adminKey, @QueryParam("limit") int limit);

    @POST
    @Path("/replay")
    Uni<Replayed> replay(@HeaderParam("X-API-Key") String adminKey, ReplayRequest request);

    /**
     * A dead letter as retry-service lists it (its failures and position are left out: the console does not show them);
     * {@code replayedAt} null while it was never replayed.
     */
    @RegisterForReflection
    record Letter(String jobId, Instant createdAt, String sourceTopic, String taskId, String reason, boolean replayable,
                  Instant replayedAt) {
    }

    /** Every filter given must match (retry-service refuses a replay with none). */
    @RegisterForReflection
    record ReplayRequest(String jobId, String sourceTopic, String reasonContains) {
    }

    @RegisterForReflection
    record Replayed(int replayed, List<String> tasks) {
    }
}
