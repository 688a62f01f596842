package io.reviewfetcher.emulator.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The reorder fault: held messages come back in another order, all of them, once. */
class ReorderWindowTest {

    @Test
    void twoOrMoreNeverComeBackInThePublishedOrder() {
        SplittableRandom random = new SplittableRandom(1);
        for (int n = 2; n <= 6; n++) {
            List<Integer> published = IntStream.range(0, n).boxed().toList();
            for (int run = 0; run < 500; run++) {
                List<Integer> shuffled = ReorderWindow.shuffled(published, random);
                assertNotEquals(published, shuffled);
                assertEquals(new HashSet<>(published), new HashSet<>(shuffled));
                assertEquals(n, shuffled.size());
            }
        }
    }

    @Test
    void everyOrderCanHappen() {
        SplittableRandom random = new SplittableRandom(2);
        var seen = new HashSet<List<Integer>>();
        for (int run = 0; run < 2_000; run++) {
            seen.add(ReorderWindow.shuffled(List.of(1, 2, 3), random));
        }
        assertEquals(5, seen.size(), "the five orders other than the published one");
    }

    @Test
    void theFirstHeldOpensTheWindowAndClosingEmptiesIt() {
        ReorderWindow<String> window = new ReorderWindow<>();
        assertTrue(window.hold("a"));
        assertFalse(window.hold("b"));
        assertEquals(List.of("b", "a"), window.close(new SplittableRandom(3)));
        assertTrue(window.hold("c"), "a new window");
        assertEquals(List.of("c"), window.close(new SplittableRandom(3)));
    }
}
