package io.reviewfetcher.google.permits;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One level of {@link FairQueue}: credentials, or the jobs of one credential. Each entry has its start tag, the
 * permits it was served counted from where it joined. An entry is kept while it has waiters or asks in flight (so a
 * refund finds it in its place) and dropped after, or jobs coming and going forever would pile up. Not
 * thread-safe: the line's lock guards it.
 *
 * @param <T> what an entry holds: the next level down, or a job's waiters
 */
final class FairLevel<T> {
    private static final Comparator<Entry<?>> LOWEST_START_FIRST =
            Comparator.comparingLong((Entry<?> entry) -> entry.start).thenComparingLong(entry -> entry.joined);

    /** Whether what an entry holds has waiters: only those can take a turn. */
    private final Predicate<T> waits;
    private final Map<String, Entry<T>> entries = new HashMap<>();
    /** The entries with waiters, whose turn it is first. */
    private final TreeSet<Entry<T>> turns = new TreeSet<>(LOWEST_START_FIRST);
    /** The start tag of the entry served last: where a newcomer starts, so idle time is not banked as credit. */
    private long clock;
    private long joins;

    FairLevel(Predicate<T> waits) {
        this.waits = waits;
    }

    /** What the entry under this key holds, the entry made (at the level's clock) if there is none. */
    T join(String key, Supplier<T> fresh) {
        return entries.computeIfAbsent(key, absent -> new Entry<>(absent, fresh.get(), clock, joins++)).value;
    }

    /** What the entry holds, or null when there is none. */
    T get(String key) {
        Entry<T> entry = entries.get(key);
        return entry == null ? null : entry.value;
    }

    /** The entry whose turn it is: the lowest start tag, ties to the one that joined first; null when none waits. */
    Entry<T> next() {
        return turns.isEmpty() ? null : turns.first();
    }

    /** The entry was served one permit, being asked for now: called after its waiter was taken out. */
    void charge(Entry<T> entry) {
        clock = entry.start;
        update(entry, () -> {
            entry.start++;
            entry.asking++;
        });
    }

    /** The ask charged to the entry met an empty bucket: no permit was granted, none is charged. */
    void refund(String key) {
        Entry<T> entry = entries.get(key);
        update(entry, () -> {
            entry.start--;
            entry.asking--;
        });
    }

    /** The ask charged to the entry is over (granted or failed). */
    void answered(String key) {
        Entry<T> entry = entries.get(key);
        update(entry, () -> entry.asking--);
    }

    /** What the entry holds has changed (a waiter came or left). */
    void settle(String key) {
        update(entries.get(key), () -> { });
    }

    boolean hasWaiters() {
        return !turns.isEmpty();
    }

    int size() {
        return entries.size();
    }

    List<T> values() {
        return entries.values().stream().map(entry -> entry.value).toList();
    }

    /** The tree is keyed by the start tag: out while it changes, back in only with waiters. */
    private void update(Entry<T> entry, Runnable change) {
        turns.remove(entry);
        change.run();
        if (waits.test(entry.value)) {
            turns.add(entry);
        } else if (entry.asking == 0) {
            entries.remove(entry.key);
        }
    }

    /** Ordered by start tag, then join number (unique in its level). */
    static final class Entry<T> {
        final String key;
        final T value;
        final long joined;
        long start;
        /** Asks in flight charged to this entry. */
        int asking;

        private Entry(String key, T value, long start, long joined) {
            this.key = key;
            this.value = value;
            this.start = start;
            this.joined = joined;
        }
    }
}
