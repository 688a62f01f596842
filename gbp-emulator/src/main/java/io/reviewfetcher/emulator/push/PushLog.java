package io.reviewfetcher.emulator.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What became of each push: counts since start or the last reset, and the most recent messages with their attempts
 * and first delivery, so that tests and benchmarks can measure latency and see drops. A reset also abandons the
 * messages still in flight: their later attempts are neither made nor counted.
 */
@ApplicationScoped
public class PushLog {

    public enum State { PENDING, DELIVERED, DROPPED, GIVEN_UP }

    /**
     * @param published      messages published (dropped ones included)
     * @param delivered      messages acknowledged (2xx) at least once
     * @param deliveries     2xx answers, duplicates included
     * @param attempts       pushes made
     * @param attemptsFailed pushes answered with a non-2xx status, a connection error or no answer in time
     * @param dropped        messages the drop fault kept from delivery
     * @param duplicated     messages pushed a second time by the duplicate fault
     * @param givenUp        messages never acknowledged within the retention
     * @param pending        messages still waiting for their first acknowledgement
     */
    public record Counts(long published, long delivered, long deliveries, long attempts, long attemptsFailed,
                         long dropped, long duplicated, long givenUp, long pending) {
    }

    /** Counts and messages read at one moment. */
    public record Snapshot(Counts counts, List<MessageView> messages) {
    }

    /** One message as the log holds it; {@code deliveredAt} is its first 2xx. */
    @RegisterForReflection // inside a list in /emulator/pushes
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageView(String messageId, String reviewName, String type, Instant publishTime,
                              Instant deliveredAt, int attempts, int deliveries, State state) {
    }

    /** A message's progress, owned by the log: every change goes through its synchronized methods. */
    public static final class Entry {
        private final PushMessage message;
        private final long generation;
        private State state;
        private int attempts;
        private int deliveries;
        private Instant deliveredAt;

        private Entry(PushMessage message, long generation, State state) {
            this.message = message;
            this.generation = generation;
            this.state = state;
        }

        public PushMessage message() {
            return message;
        }
    }

    private final int size;
    private final LinkedHashMap<String, Entry> recent = new LinkedHashMap<>();
    private long generation;
    private long published;
    private long delivered;
    private long deliveries;
    private long attempts;
    private long attemptsFailed;
    private long dropped;
    private long duplicated;
    private long givenUp;

    public PushLog(EmulatorConfig config) {
        this.size = config.push().logSize();
    }

    /** Records a message just published; a dropped one is final at once. */
    public synchronized Entry published(PushMessage message, boolean drop) {
        Entry entry = new Entry(message, generation, drop ? State.DROPPED : State.PENDING);
        published++;
        if (drop) {
            dropped++;
        }
        recent.put(message.messageId(), entry);
        if (recent.size() > size) {
            Iterator<String> eldest = recent.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return entry;
    }

    /** Whether the entry belongs to the log as it is now (false after a reset): only then is it pushed further. */
    public synchronized boolean current(Entry entry) {
        return entry.generation == generation;
    }

    /** Records one attempt's outcome; true when it was the message's first acknowledgement. */
    public synchronized boolean attempted(Entry entry, boolean acknowledged, Instant at) {
        if (entry.generation != generation) {
            return false;
        }
        attempts++;
        entry.attempts++;
        if (!acknowledged) {
            attemptsFailed++;
            return false;
        }
        deliveries++;
        entry.deliveries++;
        if (entry.deliveredAt != null) {
            return false;
        }
        delivered++;
        entry.deliveredAt = at;
        entry.state = State.DELIVERED;
        return true;
    }

    public synchronized void duplicated(Entry entry) {
        if (entry.generation == generation) {
            duplicated++;
        }
    }

    public synchronized void gaveUp(Entry entry) {
        if (entry.generation == generation && entry.state == State.PENDING) {
            givenUp++;
            entry.state = State.GIVEN_UP;
        }
    }

    /** The counts and the most recent messages, newest first. */
    public synchronized Snapshot snapshot() {
        long pending = published - delivered - dropped - givenUp;
        Counts counts = new Counts(published, delivered, deliveries, attempts, attemptsFailed, dropped, duplicated,
                givenUp, pending);
        List<MessageView> out = new ArrayList<>(recent.size());
        for (Entry e : recent.values()) {
            PushMessage m = e.message;
            out.add(new MessageView(m.messageId(), m.reviewName(), m.type().name(), m.publishTime(), e.deliveredAt,
                    e.attempts, e.deliveries, e.state));
        }
        Collections.reverse(out);
        return new Snapshot(counts, out);
    }

    /** Forgets every message and count; messages in flight stop. */
    public synchronized void clear() {
        generation++;
        recent.clear();
        published = delivered = deliveries = attempts = attemptsFailed = dropped = duplicated = givenUp = 0;
    }
}
