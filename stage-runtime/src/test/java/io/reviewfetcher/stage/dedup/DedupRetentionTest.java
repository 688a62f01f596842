package io.reviewfetcher.stage.dedup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dedup books are kept as long as a record can come back, and no longer: the stage topics' retention in
 * deploy/kafka/topics.txt, the one definition of the topics, plus a day. A retention changed there fails here.
 */
class DedupRetentionTest {
    private static final List<String> STAGE_TOPICS = List.of("fetch-accounts", "fetch-locations", "fetch-reviews", "fetch-retry");

    @Test
    void theBooksOutliveTheStageTopicsRetentionByADay() throws IOException {
        long longest = Files.readAllLines(Path.of("../deploy/kafka/topics.txt")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .filter(fields -> STAGE_TOPICS.contains(fields[0]))
                .mapToLong(fields -> Long.parseLong(fields[2])).max().orElseThrow();
        assertEquals(Duration.ofMillis(longest).plusDays(1), DedupRetention.KEEP);
    }
}
