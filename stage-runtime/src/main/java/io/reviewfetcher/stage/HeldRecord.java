package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.function.Supplier;

/**
 * A record a stage holds unacknowledged (see {@link Disposition#hold}). The throttled commit strategy never
 * commits past it, so a crash while it is held brings it back; {@link #release} acknowledges it once what it
 * stands for is durable elsewhere.
 */
public final class HeldRecord {
    private final StageRunner runner;
    private final Message<byte[]> record;
    private final JobLog.Position position;

    HeldRecord(StageRunner runner, Message<byte[]> record, JobLog.Position position) {
        this.runner = runner;
        this.record = record;
        this.position = position;
    }

    /** Where the record was read, for log lines about it. */
    public JobLog.Position position() {
        return position;
    }

    /**
     * Publishes {@code produced} (may be empty; traced as caused by this record), then runs {@code beforeAck},
     * then acknowledges the record. If a step fails, the record is neither acknowledged nor nacked: it stays
     * held, and the caller releases it again later.
     */
    public Uni<Void> release(List<? extends Event> produced, Supplier<Uni<Void>> beforeAck) {
        return runner.publish(produced, record).chain(() -> beforeAck.get()).chain(() -> StageRunner.acknowledge(record));
    }
}
