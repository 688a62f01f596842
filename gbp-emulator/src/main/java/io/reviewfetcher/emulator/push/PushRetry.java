package io.reviewfetcher.emulator.push;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import java.time.Duration;
import java.time.Instant;

/**
 * When Pub/Sub tries a push again: exponential backoff from {@code minBackoff} doubling to {@code maxBackoff}, until
 * the next attempt would come after the message's retention, when it gives up.
 */
public record PushRetry(Duration minBackoff, Duration maxBackoff, Duration retention) {

    public static PushRetry of(EmulatorConfig.Push config) {
        return new PushRetry(config.minBackoff(), config.maxBackoff(), config.retention());
    }

    /** The wait after the {@code failures}-th failed attempt in a row (1 = the first). */
    public Duration backoff(int failures) {
        Duration wait = minBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Whether an attempt after {@code wait} from {@code now} would fall past the retention of a message. */
    public boolean givesUp(Instant publishTime, Instant now, Duration wait) {
        return now.plus(wait).isAfter(publishTime.plus(retention));
    }
}
