package io.reviewfetcher.ingress.console;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * What the console asks a worker pod: its intake (stage-runtime's {@code /admin/intake}, admin key) and its metrics
 * (the Google calls it made); built per pod by {@link WorkerPods}.
 */
@Path("/")
public interface WorkerApi {

    @GET
    @Path("/admin/intake")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Intake> state(@HeaderParam("X-API-Key") String adminKey);

    @POST
    @Path("/admin/intake/pause")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Intake> pause(@HeaderParam("X-API-Key") String adminKey);

    @POST
    @Path("/admin/intake/resume")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Intake> resume(@HeaderParam("X-API-Key") String adminKey);

    /** The pod's Prometheus text: {@link GoogleCalls#parse} reads its Google calls from it. */
    @GET
    @Path("/q/metrics")
    @Produces(MediaType.TEXT_PLAIN)
    Uni<String> metrics();

    @RegisterForReflection
    record Intake(boolean paused) {
    }
}
