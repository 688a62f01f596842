package io.reviewfetcher.google.permits;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The waiters of a {@link PermitLine} in fair-share order: start-time fair queueing between credentials, then
 * between the jobs of the credential, then the job's own order. Each credential and job counts the permits it was
 * served (its start tag); the next permit goes to the lowest count among those with waiters, ties to the one there
 * first. One that gets waiters after having none starts at the count of the one served last (at most one below the
 * lowest): the next turn, not a burst for its idle time. A permit not granted (empty bucket) is not charged.
 * O(log n) a step; credentials and jobs without waiters or asks in flight are dropped. Guarded by the line's lock.
 *
 * @param <W> a waiter
 */
final class FairQueue<W> {
    /** A job's waiters, in the line's order within a job. */
    private final Comparator<? super W> withinJob;
    private final FairLevel<FairLevel<PriorityQueue<W>>> credentials = new FairLevel<>(FairLevel::hasWaiters);
    private int size;

    FairQueue(Comparator<? super W> withinJob) {
        this.withinJob = withinJob;
    }

    /** A waiter joins its job's line. A null credential or job id is a credential or job of its own, {@code ""}. */
    void add(String credential, String job, W waiter) {
        FairLevel<PriorityQueue<W>> jobs = credentials.join(key(credential),
                () -> new FairLevel<>(waiters -> !waiters.isEmpty()));
        jobs.join(key(job), () -> new PriorityQueue<>(withinJob)).add(waiter);
        jobs.settle(key(job));
        credentials.settle(key(credential));
        size++;
    }

    /**
     * The next waiter, its credential and job charged one permit; null when none waits. Each waiter taken must be
     * {@link #answered}, {@link #refund} or {@link #requeue} once its ask is over.
     */
    W poll() {
        FairLevel.Entry<FairLevel<PriorityQueue<W>>> credential = credentials.next();
        if (credential == null) {
            return null;
        }
        FairLevel.Entry<PriorityQueue<W>> job = credential.value.next();
        W next = job.value.poll();
        size--;
        credential.value.charge(job);
        credentials.charge(credential);
        return next;
    }

    /** The ask for a waiter taken is over: granted, or failed for good. */
    void answered(String credential, String job) {
        credentials.get(key(credential)).answered(key(job));
        credentials.answered(key(credential));
    }

    /** The ask for a waiter taken met an empty bucket: its charge is given back. */
    void refund(String credential, String job) {
        credentials.get(key(credential)).refund(key(job));
        credentials.refund(key(credential));
    }

    /** {@link #refund}, and the waiter goes back in its job's line (first, as its entries must not drop). */
    void requeue(String credential, String job, W waiter) {
        add(credential, job, waiter);
        refund(credential, job);
    }

    /** A waiter that gave up before its turn; false if it was not in line. */
    boolean remove(String credential, String job, W waiter) {
        FairLevel<PriorityQueue<W>> jobs = credentials.get(key(credential));
        PriorityQueue<W> waiters = jobs == null ? null : jobs.get(key(job));
        if (waiters == null || !waiters.remove(waiter)) {
            return false;
        }
        size--;
        jobs.settle(key(job));
        credentials.settle(key(credential));
        return true;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Credentials kept: with waiters or asks in flight. */
    int credentials() {
        return credentials.size();
    }

    /** Jobs kept, over all credentials: with waiters or asks in flight. */
    int jobs() {
        return credentials.values().stream().mapToInt(FairLevel::size).sum();
    }

    private static String key(String id) {
        return Objects.requireNonNullElse(id, "");
    }
}
