package io.reviewfetcher.ingress.schedules;

import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/** Claims due schedules one at a time, each in a transaction of its own ({@link PgDueSchedules}). */
public interface DueSchedules {

    /**
     * Claims the most overdue schedule no other transaction holds and runs {@code work} on it in the claim's
     * transaction: committed when work's Uni succeeds, rolled back (the run stays due) when it fails.
     *
     * @return false when no unheld schedule was due
     */
    Uni<Boolean> claimNext(Function<ClaimedSchedule, Uni<Void>> work);
}
