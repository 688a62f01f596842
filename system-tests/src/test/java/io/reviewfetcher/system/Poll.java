package io.reviewfetcher.system;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** Asks again, as a client or a probe would, until nothing is wrong any more or time is up. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(500);

    private Poll() {
    }

    /** @return what was still wrong at the last look: empty when the condition was reached in time */
    static List<String> until(Duration within, Callable<List<String>> wrong) throws Exception {
        Instant deadline = Instant.now().plus(within);
        List<String> last = wrong.call();
        while (!last.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(INTERVAL.toMillis()); // the polling interval, not a stand-in for the condition
            last = wrong.call();
        }
        return last;
    }
}
