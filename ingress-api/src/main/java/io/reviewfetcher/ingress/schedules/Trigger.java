package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.events.FetchMode;

/** Which kind of run a schedule started: its name in a job's status and in the list of a schedule's jobs. */
public enum Trigger {
    FULL("schedule:full", FetchMode.FULL),
    INCREMENTAL("schedule:incremental", FetchMode.INCREMENTAL);

    private final String wire;
    private final FetchMode mode;

    Trigger(String wire, FetchMode mode) {
        this.wire = wire;
        this.mode = mode;
    }

    /** {@code schedule:full} or {@code schedule:incremental}. */
    public String wire() {
        return wire;
    }

    /** The mode of the job the run submits. */
    public FetchMode mode() {
        return mode;
    }

    public static Trigger ofWire(String wire) {
        for (Trigger trigger : values()) {
            if (trigger.wire.equals(wire)) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("not a trigger: " + wire);
    }
}
