package io.reviewfetcher.emulator.push;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Messages held while a reorder window is open. The first one held opens it (the caller starts the timer); closing it
 * hands every held message back in a shuffled order.
 */
final class ReorderWindow<T> {

    private final List<T> held = new ArrayList<>();

    /** Holds the item; true when it opened the window. */
    synchronized boolean hold(T item) {
        held.add(item);
        return held.size() == 1;
    }

    /** Closes the window: what it held, shuffled. */
    synchronized List<T> close(RandomGenerator random) {
        List<T> out = shuffled(held, random);
        held.clear();
        return out;
    }

    /** A random order that, for two items or more, is never the given one: the fault must show. */
    static <T> List<T> shuffled(List<T> items, RandomGenerator random) {
        List<T> out = new ArrayList<>(items);
        if (out.size() < 2) {
            return out;
        }
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, random.nextInt(i + 1));
        }
        if (out.equals(items)) {
            Collections.rotate(out, 1);
        }
        return out;
    }
}
