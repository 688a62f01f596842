package io.reviewfetcher.stage;

import io.reviewfetcher.events.Event;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What {@link StageRunner#runOrHold} does with a decoded record: settle it now, or hold it for later. */
public sealed interface Disposition permits Disposition.Settle, Disposition.Hold {

    /** Publish {@code produced} now, then acknowledge the record; nack it if publishing fails. */
    static Disposition settle(List<? extends Event> produced) {
        return new Settle(List.copyOf(produced));
    }

    /**
     * Keep the record unacknowledged. {@code keep} is given the {@link HeldRecord} to store (e.g. in a schedule)
     * and completes when the consumer may take its next record, which is how a full store stops consumption.
     */
    static Disposition hold(Function<HeldRecord, Uni<Void>> keep) {
        return new Hold(Objects.requireNonNull(keep));
    }

    record Settle(List<? extends Event> produced) implements Disposition {
    }

    record Hold(Function<HeldRecord, Uni<Void>> keep) implements Disposition {
    }
}
