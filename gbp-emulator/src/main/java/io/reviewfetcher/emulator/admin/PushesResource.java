package io.reviewfetcher.emulator.admin;

import io.reviewfetcher.emulator.push.PushDelivery;
import io.reviewfetcher.emulator.push.PushLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/**
 * The Pub/Sub pushes of review notifications since start or the last reset: counts, and the most recent messages
 * (newest first) with their publish time, first delivery, attempts and state, for latency and loss checks.
 */
@Path("/emulator/pushes")
public class PushesResource {

    /** {@code endpoint}: where pushes go, or null when pushes are off. */
    public record Pushes(String endpoint, PushLog.Counts counts, List<PushLog.MessageView> messages) {
    }

    private final PushLog log;
    private final PushDelivery delivery;

    public PushesResource(PushLog log, PushDelivery delivery) {
        this.log = log;
        this.delivery = delivery;
    }

    @GET
    public Pushes pushes() {
        PushLog.Snapshot snapshot = log.snapshot();
        return new Pushes(delivery.endpoint().orElse(null), snapshot.counts(), snapshot.messages());
    }
}
