package io.reviewfetcher.ingress.schedules;

import io.reviewfetcher.ingress.submission.InvalidSubmission;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A checked {@code PATCH /api/v1/schedules/{id}} body. Each field is null when the body leaves it alone, else a
 * {@link Change} holding the new value, which may itself be null: no more runs of that kind (an interval), every
 * account or location (a scope).
 */
public record SchedulePatch(Boolean paused, Change<Duration> incrementalEvery, Change<Duration> fullEvery,
                            Change<List<String>> accountIds, Change<List<String>> locationIds) {

    /** A field the body sets; {@code value} null sets it to null. */
    public record Change<T>(T value) {
    }

    /**
     * The schedule with this patch applied at {@code now}. A changed interval counts from the change (the kind's next
     * run is due one new interval later); an unchanged one keeps its due time, also when it is set again to the same
     * value. Pausing leaves the due times alone, so resuming runs a run that fell due meanwhile once, at once.
     *
     * @throws InvalidSubmission when the patch would leave the schedule with no interval
     */
    public Schedule applyTo(Schedule current, Instant now) {
        Duration incremental = incrementalEvery == null ? current.incrementalEvery() : incrementalEvery.value();
        Duration full = fullEvery == null ? current.fullEvery() : fullEvery.value();
        if (incremental == null && full == null) {
            throw InvalidSubmission.invalidFields(List.of(
                    new InvalidSubmission.FieldError("incremental_every", "cannot be removed as well as full_every: a schedule needs at least one"),
                    new InvalidSubmission.FieldError("full_every", "cannot be removed as well as incremental_every: a schedule needs at least one")));
        }
        return new Schedule(current.id(), current.clientId(),
                accountIds == null ? current.accountIds() : accountIds.value(),
                locationIds == null ? current.locationIds() : locationIds.value(),
                incremental, full, paused == null ? current.paused() : paused,
                nextDue(current.incrementalEvery(), current.nextIncrementalAt(), incremental, now),
                nextDue(current.fullEvery(), current.nextFullAt(), full, now),
                current.createdAt(), now, current.runsStarted(), current.runsSkipped(), current.lastJobId(), current.lastRunAt());
    }

    private static Instant nextDue(Duration before, Instant nextBefore, Duration after, Instant now) {
        if (after == null) {
            return null;
        }
        return after.equals(before) ? nextBefore : now.plus(after);
    }
}
