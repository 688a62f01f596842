package io.reviewfetcher.stage;

import io.reviewfetcher.events.EventType;
import io.reviewfetcher.events.NewerEventVersionException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * Records of a newer {@code schema_version} than this pod reads, which {@link StageRunner} leaves unacknowledged for
 * a newer pod: during a rolling deploy a newer pod wrote them, and they are not poison. Sticky: a pod that met one is
 * older than the events in flight and stays so until it is replaced, which {@link NewerEventsCheck} tells on its
 * readiness.
 */
@ApplicationScoped
public class NewerEvents {
    private Seen seen;

    /**
     * @param since   when the first such record was met
     * @param type    the type of the latest one; {@link EventType#schemaVersion()} is the newest this pod reads
     * @param records how many were left unacknowledged so far (a record read again after a rebalance counts again)
     */
    public record Seen(Instant since, EventType type, long records) {
    }

    synchronized void left(NewerEventVersionException newer) {
        seen = seen == null ? new Seen(Instant.now(), newer.eventType(), 1)
                : new Seen(seen.since(), newer.eventType(), seen.records() + 1);
    }

    public synchronized Optional<Seen> seen() {
        return Optional.ofNullable(seen);
    }
}
