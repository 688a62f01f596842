package io.reviewfetcher.stage.intake;

import io.quarkus.logging.Log;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


/**
 * Incident control: stop taking records from the stage's topic and start again. In-flight records finish;
 * nothing is committed past what was processed, so a pause loses nothing and a resume skips nothing.
 * Per pod; needs the admin key ({@code ADMIN_API_KEY}) in {@code X-API-Key}.
 */
@Path("/admin/intake")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {
    private final IntakeGate gate;
    private final ApiKeys apiKeys;

    public IntakeResource(IntakeGate gate, ApiKeys apiKeys) {
        this.gate = gate;
        this.apiKeys = apiKeys;
    }

    public record Intake(boolean paused) {
    }

    @GET
    public Intake state(@HeaderParam(ApiKeys.HEADER) String key) {
        apiKeys.require(ApiKeyRole.ADMIN, key);
        return new Intake(gate.paused());
    }

    @POST
    @Path("/pause")
    public Intake pause(@HeaderParam(ApiKeys.HEADER) String key) {
        apiKeys.require(ApiKeyRole.ADMIN, key);
        gate.pause();
        Log.warn("intake paused by an operator");
        return new Intake(gate.paused());
    }

    @POST
    @Path("/resume")
    public Intake resume(@HeaderParam(ApiKeys.HEADER) String key) {
        apiKeys.require(ApiKeyRole.ADMIN, key);
        gate.resume();
        Log.warn("intake resumed by an operator");
        return new Intake(gate.paused());
    }
}
