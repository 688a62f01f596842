package io.reviewfetcher.stage;

import io.quarkus.logging.Log;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


/**
 * Incident control: stop taking records from the stage's topic and start again. In-flight records finish;
 * nothing is committed past what was processed, so a pause loses nothing and a resume skips nothing.
 * Per pod, as seed 000's "Kafka pause/resume" asks; needs the admin key in {@code X-API-Key}.
 */
@Path("/admin/intake")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {
    private final IntakeGate gate;
    private final AdminKey adminKey;

    public IntakeResource(IntakeGate gate, AdminKey adminKey) {
        this.gate = gate;
        this.adminKey = adminKey;
    }

    public record Intake(boolean paused) {
    }

    @GET
    public Intake state(@HeaderParam("X-API-Key") String key) {
        adminKey.require(key);
        return new Intake(gate.paused());
    }

    @POST
    @Path("/pause")
    public Intake pause(@HeaderParam("X-API-Key") String key) {
        adminKey.require(key);
        gate.pause();
        Log.warn("intake paused by an operator");
        return new Intake(gate.paused());
    }

    @POST
    @Path("/resume")
    public Intake resume(@HeaderParam("X-API-Key") String key) {
        adminKey.require(key);
        gate.resume();
        Log.warn("intake resumed by an operator");
        return new Intake(gate.paused());
    }
}
