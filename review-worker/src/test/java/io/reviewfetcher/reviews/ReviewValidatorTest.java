package io.reviewfetcher.reviews;

import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchMode;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.google.GoogleDtos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One Google review against the contract: a valid one becomes a reviews-raw record, any other says why, never throws. */
class ReviewValidatorTest {
    private static final Instant FETCHED_AT = Instant.parse("2026-11-22T00:00:00Z");
    private static final FetchReviews PAGE = new FetchReviews("job-1", FETCHED_AT, "client:42", "1", "2", "Cafe", null, null, 1,
            FetchMode.FULL, 0);

    private static GoogleDtos.Review review(String createTime, String updateTime, GoogleDtos.ReviewReply reply) {
        return new GoogleDtos.Review("accounts/1/locations/2/reviews/r1", "r1", new GoogleDtos.Reviewer(null, "R", false), "FIVE",
                "fine", createTime, updateTime, reply);
    }

    /** RFC 3339 allows these; the contract's range does not, and one such review must not fail its whole page. */
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "+999999999-12-31T23:59:59Z, 2025-01-01T00:00:00Z",
            "2025-01-01T00:00:00Z,       +999999999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z,       2025-01-01T00:00:00Z",
    })
    void aTimeOutsideTheContractsRangeMakesThatReviewInvalid(String createTime, String updateTime) {
        ReviewValidator.Checked checked = ReviewValidator.check(review(createTime, updateTime, null), PAGE, FETCHED_AT);
        assertNull(checked.review());
        assertEquals("r1", checked.reviewId());
        assertTrue(checked.problem().contains("_time"), checked.problem());
    }

    @ParameterizedTest(name = "reply updated {0}")
    @CsvSource({"+999999999-12-31T23:59:59Z", "1999-12-31T23:59:59Z"})
    void aReplyTimeOutsideTheContractsRangeMakesThatReviewInvalid(String replyTime) {
        ReviewValidator.Checked checked = ReviewValidator.check(review("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z",
                new GoogleDtos.ReviewReply("thanks", replyTime)), PAGE, FETCHED_AT);
        assertNull(checked.review());
        assertTrue(checked.problem().contains("update_time"), checked.problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2000-01-01T00:00:00Z", "2025-06-30T12:00:00.5+02:00"})
    void aTimeWithinTheRangeIsDelivered(String time) {
        ReviewValidator.Checked checked = ReviewValidator.check(review(time, time, null), PAGE, FETCHED_AT);
        assertNull(checked.problem());
        assertEquals(checked.review(), EventCodec.decode(EventCodec.encode(checked.review())));
    }

    /**
     * Google's reply moderation can leave a reply without its text: the review is valid and is delivered, without
     * the reply (what Google shows, and what a consumer already handles), instead of being dead-lettered.
     */
    @ParameterizedTest(name = "reply updated {0}")
    @CsvSource(value = {"2025-02-01T00:00:00Z", "null"}, nullValues = "null")
    void aReplyWithoutACommentIsLeftOutAndTheReviewDelivered(String replyTime) {
        ReviewValidator.Checked checked = ReviewValidator.check(review("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z",
                new GoogleDtos.ReviewReply(null, replyTime)), PAGE, FETCHED_AT);
        assertNull(checked.problem());
        assertEquals("r1", checked.review().reviewId());
        assertEquals("fine", checked.review().comment());
        assertNull(checked.review().reply());
    }

    @ParameterizedTest(name = "reply comment \"{0}\"")
    @CsvSource({"thanks", "''"})
    void aReplyWithACommentIsDelivered(String comment) {
        ReviewValidator.Checked checked = ReviewValidator.check(review("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z",
                new GoogleDtos.ReviewReply(comment, "2025-02-01T00:00:00Z")), PAGE, FETCHED_AT);
        assertEquals(comment, checked.review().reply().comment());
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), checked.review().reply().updateTime());
    }
}
