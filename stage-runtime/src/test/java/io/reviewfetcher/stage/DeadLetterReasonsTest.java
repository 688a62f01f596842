package io.reviewfetcher.stage;

import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Dead-letter reasons become a few metric tag values, never one per task. */
class DeadLetterReasonsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final FetchReviews PAGE = new FetchReviews("job-1", NOW, "client:42", "111", "222", "locations/222", null,
            null, 1, FetchMode.FULL, 3);

    private static DeadLetter letter(String reason, Failure... failures) {
        return new DeadLetter("job-1", NOW, "fetch-reviews", reason, PAGE, List.of(failures), null);
    }

    @Test
    void googleAnswersAreTheirHttpStatus() {
        Failure notFound = Failures.classify(0, new GoogleApiException(404, "NOT_FOUND", null, "locations/222 not found", null));
        assertEquals("http_404", DeadLetterReasons.category(letter("404 NOT_FOUND: locations/222 not found", notFound)));
    }

    @Test
    void exhaustedRetriesAreOneValueWhateverTheLastCause() {
        Failure unavailable = Failures.classify(8, new GoogleApiException(503, "UNAVAILABLE", null, "try later", null));
        assertEquals("retries_exhausted", DeadLetterReasons.category(
                letter(DeadLetterReasons.RETRIES_EXHAUSTED + " after 9 attempts: 503 UNAVAILABLE", unavailable)));
    }

    @Test
    void causesWithoutAnAnswerAreTheirKind() {
        Failure refused = Failures.classify(0, new RuntimeException(new ConnectException("refused")));
        assertEquals("connection_failed", DeadLetterReasons.category(letter(refused.reason(), refused)));
        Failure invalid = new Failure(0, NOW, null, "invalid review: star_rating must be 1 to 5", false, null);
        assertEquals("invalid_review", DeadLetterReasons.category(letter("invalid review AbC123: star_rating must be 1 to 5", invalid)));
    }

    @Test
    void anUnreadableRecordHasNoEvent() {
        DeadLetter poison = new DeadLetter(DeadLetter.UNKNOWN_JOB, NOW, "fetch-reviews", "unreadable record: type", null, List.of(),
                new DeadLetter.PoisonRecord(0, 42, "00", 3));
        assertEquals("unreadable_record", DeadLetterReasons.category(poison));
    }
}
