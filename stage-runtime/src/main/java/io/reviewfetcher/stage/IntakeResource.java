package io.reviewfetcher.stage;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Incident control: stop taking records from the stage's topic and start again. In-flight records finish;
 * nothing is committed past what was processed, so a pause loses nothing and a resume skips nothing.
 * Per pod, as seed 000's "Kafka pause/resume" asks; needs the admin key.
 */
@Path("/admin/intake")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeResource {
    private final ChannelRegistry channels;
    private final byte[] adminKey;

    public IntakeResource(ChannelRegistry channels, StageConfig config) {
        this.channels = channels;
        this.adminKey = config.adminApiKey().getBytes(StandardCharsets.UTF_8);
    }

    public record Intake(boolean paused, List<String> channels) {
    }

    @GET
    public Intake state(@HeaderParam("X-Admin-Key") String key) {
        authorize(key);
        return state();
    }

    @POST
    @Path("/pause")
    public Intake pause(@HeaderParam("X-Admin-Key") String key) {
        authorize(key);
        pausable().forEach(PausableChannel::pause);
        Log.warn("intake paused by an operator");
        return state();
    }

    @POST
    @Path("/resume")
    public Intake resume(@HeaderParam("X-Admin-Key") String key) {
        authorize(key);
        pausable().forEach(PausableChannel::resume);
        Log.warn("intake resumed by an operator");
        return state();
    }

    private Intake state() {
        List<String> names = pausableNames();
        return new Intake(!names.isEmpty() && pausable().allMatch(PausableChannel::isPaused), names);
    }

    private java.util.stream.Stream<PausableChannel> pausable() {
        return pausableNames().stream().map(channels::getPausable);
    }

    private List<String> pausableNames() {
        return channels.getIncomingNames().stream().filter(name -> channels.getPausable(name) != null).sorted().toList();
    }

    private void authorize(String key) {
        if (key == null || !MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthorizedException("X-Admin-Key");
        }
    }
}
