package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchReviews;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poison record's reason, in its dead letter and in the log, is the codec's message: the field and the kind
 * of problem, never the value, which may be a token a producer put in the wrong field.
 */
class PoisonReasonTest extends StageFixture {
    private static final String TOKEN = "ya29.a0AfB_secret";

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "page_number | \"TOKEN\"",
            "attempt     | \"TOKEN\"",
            "mode        | \"TOKEN\"",
            "created_at  | \"TOKEN\"",
            "type        | \"TOKEN\"",
    })
    void theReasonNamesTheFieldAndNotTheValue(String field, String value) {
        String json = EventCodec.encodeToString(PAGE).replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)",
                "\"" + field + "\":" + value.replace("TOKEN", TOKEN));
        Fakes.Record record = new Fakes.Record("fetch-reviews", 0, 7, "222", json.getBytes(StandardCharsets.UTF_8), timeline);

        List<String> logged;
        try (LogLines log = LogLines.of("io.reviewfetcher.jobs")) {
            runner.run(record.message, FetchReviews.class, this::nextPage).await().atMost(AWAIT);
            record.awaitSettled();
            logged = log.lines();
        }

        DeadLetter letter = publisher.sent(DeadLetter.class).get(0);
        assertTrue(letter.reason().startsWith("unreadable record: " + field + ": "), letter.reason());
        assertFalse(letter.reason().contains("ya29") || letter.reason().contains("secret"), letter.reason());
        assertEquals(1, logged.stream().filter(line -> line.contains("poison")).count(), logged::toString);
        assertTrue(logged.stream().noneMatch(line -> line.contains("ya29") || line.contains("secret")), logged::toString);
        assertTrue(record.acked);
    }

    /** The lines one logger writes while open, each its format and its arguments (whatever the log manager formats). */
    private static final class LogLines extends Handler implements AutoCloseable {
        private final Logger logger;
        private final List<String> lines = new ArrayList<>();

        private LogLines(Logger logger) {
            this.logger = logger;
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        static LogLines of(String name) {
            return new LogLines(Logger.getLogger(name));
        }

        @Override
        public synchronized void publish(LogRecord record) {
            Object[] arguments = record.getParameters() == null ? new Object[0] : record.getParameters();
            lines.add(record.getMessage() + " " + Arrays.toString(arguments));
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
