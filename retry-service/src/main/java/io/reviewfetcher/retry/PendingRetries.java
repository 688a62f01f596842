package io.reviewfetcher.retry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.RetryRequest;
import io.reviewfetcher.stage.HeldRecord;
import io.reviewfetcher.support.logging.JobLog;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The retries waiting for their due time, in a heap ordered by due time, with one timer set to the
 * earliest. Bounded: {@link #roomFor()} completes only while fewer than the configured maximum wait, which
 * is how a full heap stops the consumption of fetch-retry instead of growing.
 *
 * <p>Only the retries of partitions this pod reads: those of a revoked partition are dropped
 * ({@link RetryPartitions}), and one of them whose try fails afterwards is not taken back.
 */
@ApplicationScoped
public class PendingRetries {
    /**
     * A retry and the fetch-retry record, held unacknowledged until the retry is re-published.
     *
     * @param holder this holding of the record, which claims the re-publication ({@link RetryHistory#claim})
     */
    public record Pending(Instant dueAt, RetryRequest request, HeldRecord record, String holder) {
        /** A record just held. */
        public Pending(Instant dueAt, RetryRequest request, HeldRecord record) {
            this(dueAt, request, record, UUID.randomUUID().toString());
        }

        /** The same holding, due again at {@code at}: its last try could not be finished. */
        public Pending dueAgainAt(Instant at) {
            return new Pending(at, request, record, holder);
        }

        /** Where the record was read, or null when unknown. */
        TopicPartition partition() {
            JobLog.Position at = record == null ? null : record.position();
            return at == null || at.topic() == null || at.partition() == null ? null
                    : new TopicPartition(at.topic(), at.partition());
        }
    }

    private final PriorityQueue<Pending> heap = new PriorityQueue<>(Comparator.comparing(Pending::dueAt));
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "retry-clock");
        thread.setDaemon(true);
        return thread;
    });
    private final int maxPending;
    private final List<CompletableFuture<Void>> waitingForRoom = new ArrayList<>();
    private final Set<TopicPartition> revoked = new HashSet<>();
    private ScheduledFuture<?> wakeUp;
    private Consumer<Pending> onDue = pending -> { };

    public PendingRetries(RetryConfig config, MeterRegistry metrics) {
        this.maxPending = config.maxPending();
        Gauge.builder("retry.pending", this, PendingRetries::size).description("Retries waiting for their due time")
                .register(metrics);
    }

    /** Who re-publishes a retry when it is due. */
    public void whenDue(Consumer<Pending> action) {
        this.onDue = action;
    }

    /** Holds the retry until due; drops it if its partition was revoked meanwhile (its new owner holds it). */
    public synchronized void add(Pending pending) {
        if (revoked.contains(pending.partition())) {
            return;
        }
        heap.add(pending);
        if (heap.peek() == pending) {
            setTimer();
        }
    }

    /**
     * Drops the retries of {@code partitions}, unacknowledged, and any of theirs that comes back later (a try in
     * flight that fails); their records are read again by the partitions' new owner. Returns how many it dropped.
     */
    public int revoke(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        int dropped;
        synchronized (this) {
            revoked.addAll(gone);
            int before = heap.size();
            heap.removeIf(pending -> gone.contains(pending.partition()));
            dropped = before - heap.size();
        }
        if (dropped > 0 && !clock.isShutdown()) {
            // On the clock's thread, not the caller's (Kafka's poll loop): the timer is set anew, and the room
            // made goes to the consumer if it waits.
            clock.execute(this::releaseDue);
        }
        return dropped;
    }

    /** Partitions this pod reads (again). */
    public synchronized void assign(Collection<TopicPartition> partitions) {
        revoked.removeAll(partitions);
    }

    public synchronized int size() {
        return heap.size();
    }

    /** Completes at once while there is room, later when due retries make some. */
    public synchronized Uni<Void> roomFor() {
        if (heap.size() < maxPending) {
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Void> room = new CompletableFuture<>();
        waitingForRoom.add(room);
        return Uni.createFrom().completionStage(room);
    }

    private void setTimer() {
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        Pending earliest = heap.peek();
        if (earliest != null) {
            long delayMs = Math.max(0, Duration.between(Instant.now(), earliest.dueAt()).toMillis());
            wakeUp = clock.schedule(this::releaseDue, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void releaseDue() {
        List<Pending> due = new ArrayList<>();
        List<CompletableFuture<Void>> released = List.of();
        synchronized (this) {
            Instant now = Instant.now();
            while (!heap.isEmpty() && !heap.peek().dueAt().isAfter(now)) {
                due.add(heap.poll());
            }
            setTimer();
            if (heap.size() < maxPending && !waitingForRoom.isEmpty()) {
                released = new ArrayList<>(waitingForRoom);
                waitingForRoom.clear();
            }
        }
        due.forEach(onDue);
        released.forEach(room -> room.complete(null));
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }
}
