package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;

import java.time.Instant;

/**
 * A due schedule held by this pod's transaction (no other pod can claim it until it ends) and the writes that record
 * what became of its run, in the same transaction: they count only if it commits.
 */
public interface ClaimedSchedule {

    Schedule schedule();

    /** The database's time when the claim was made: the one clock every pod's decisions use. */
    Instant now();

    /** The run started: its due times move on, it is counted and listed, and its job becomes the schedule's last. */
    Uni<Void> started(DueRun run);

    /** The run was skipped (the previous one still runs): its due times move on and it is counted. */
    Uni<Void> skipped(DueRun run);
}
