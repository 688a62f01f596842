package io.reviewfetcher.ingress.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A worker pod's intake control (stage-runtime's {@code /admin/intake}, admin key); built per pod by {@link WorkerPods}. */
@Path("/admin/intake")
@Produces(MediaType.APPLICATION_JSON)
public interface IntakeApi {

    @GET
    Uni<Intake> state(@HeaderParam("X-API-Key") String adminKey);

    @POST
    @Path("/pause")
    Uni<Intake> pause(@HeaderParam("X-API-Key") String adminKey);

    @POST
    @Path("/resume")
    Uni<Intake> resume(@HeaderParam("X-API-Key") String adminKey);

    @RegisterForReflection
    record Intake(boolean paused) {
    }
}
