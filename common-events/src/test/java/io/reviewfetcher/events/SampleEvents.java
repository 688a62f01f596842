package io.reviewfetcher.events;

import java.time.Instant;
import java.util.List;

/** One valid instance of every event of the contract, with every optional field filled. */
final class SampleEvents {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");
    static final String JOB = "0b9c6c1e-5a4f-4c53-9a55-2f0a3e1d7c11";
    static final String CREDENTIAL = "cred:Zx8kQ2mN4pR6tV8wY0aB";

    static FetchAccounts fetchAccounts() {
        return new FetchAccounts(JOB, NOW, CREDENTIAL, List.of("111"), List.of("222", "333"), "AcT0k3n", 3, "9f86d081884c7d65",
                FetchMode.FULL, 0);
    }

    /** A job that turns review notifications on for two of the client's accounts. */
    static FetchAccounts notificationsJob() {
        return FetchAccounts.notifications(JOB, NOW, "client:acme-dental", List.of("111", "444"), true);
    }

    static FetchLocations fetchLocations() {
        return new FetchLocations(JOB, NOW, "client:acme-dental", "111", "Acme Dental Group", null, "LoC4t10ns", 2,
                "2c26b46b68ffc68f", FetchMode.INCREMENTAL, 1);
    }

    static FetchReviews fetchReviews() {
        return new FetchReviews(JOB, NOW, CREDENTIAL, "111", "222", "Acme Dental – Zürich 🦷", "https://maps.google.com/?cid=42",
                "CiAKGjBpNF9", 2, "fcde2b2edba56bf4", FetchMode.FULL, 0);
    }

    /** Page 2 of a batch: the first location met a review newer than its watermark on page 1, the second none yet. */
    static FetchReviewBatch fetchReviewBatch() {
        return new FetchReviewBatch(JOB, NOW, CREDENTIAL, "111", List.of(
                new FetchReviewBatch.WatermarkedLocation("222", "Acme Dental – Zürich 🦷", "https://maps.google.com/?cid=42",
                        Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-20T09:30:00.5Z")),
                new FetchReviewBatch.WatermarkedLocation("333", "Acme Dental – Bern", null, Instant.parse("2026-10-15T12:00:00Z"))),
                "QmF0Y2gy", 2, "a3f1c9e07b2d4e65", FetchMode.INCREMENTAL, 1, null);
    }

    static FetchReviewChange fetchReviewChange() {
        return new FetchReviewChange(JOB, NOW, "client:42", "111", "222", "AbFvOq-review_1", ReviewNotification.UPDATED_REVIEW,
                "9876543210", NOW.minusMillis(850));
    }

    static ReviewRaw reviewRaw() {
        return new ReviewRaw(JOB, NOW, "111", "222", "Acme Dental – Zürich 🦷", "AbFvOqm4x",
                new ReviewRaw.Reviewer("Jürgen M.", false, "https://lh3.googleusercontent.com/a/x"), 4, "很好 👍",
                Instant.parse("2025-01-02T03:04:05Z"), Instant.parse("2025-02-03T04:05:06.789Z"),
                new ReviewRaw.Reply("Thank you!", Instant.parse("2025-02-04T00:00:00Z")), NOW, NOW.plus(ReviewRaw.RETENTION),
                new ReviewRaw.Attribution(ReviewRaw.Attribution.GOOGLE, "https://maps.google.com/?cid=42"), ReviewChange.NEW);
    }

    static RetryRequest retryRequest() {
        return new RetryRequest(JOB, NOW, fetchReviews(), List.of(
                new Failure(0, NOW, 503, "UNAVAILABLE", true, null),
                new Failure(1, NOW.plusSeconds(2), 429, "RESOURCE_EXHAUSTED", true, 53_000L)));
    }

    static DeadLetter deadLetter() {
        return new DeadLetter(JOB, NOW, Topics.FETCH_REVIEWS, "PERMISSION_DENIED", fetchReviews(),
                List.of(new Failure(0, NOW, 403, "PERMISSION_DENIED", false, null)), null);
    }

    static DeadLetter poisonDeadLetter() {
        return new DeadLetter(DeadLetter.UNKNOWN_JOB, NOW, Topics.FETCH_ACCOUNTS, "$: not valid JSON", null, List.of(),
                new DeadLetter.PoisonRecord(3, 1234L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 11));
    }

    static JobEvent jobEvent() {
        return new JobEvent(JOB, NOW, "locations:111", 1, JobEvent.Outcome.DONE, List.of("reviews:222:1", "reviews:333:1"),
                0, 2, 0, 0, null);
    }

    static ReviewDeleted reviewDeleted() {
        return new ReviewDeleted(JOB, NOW, "111", "222", "AbFvOqm4x", Instant.parse("2026-11-01T08:00:00Z"), NOW);
    }

    /** The last page of a recovery walk that still fell short: new, updated and unchanged reviews, and the shortfall. */
    static JobEvent reviewPageEvent() {
        return new JobEvent(JOB, NOW, "reviews:222:3:v2", 0, JobEvent.Outcome.DONE, List.of(), 0, 0, 4, 1, null, 1, 2, 1, 3,
                new JobEvent.Incomplete("222", 120, 118), 0, List.of());
    }

    /** A page of locations of a job narrowed to 222, 333 and 444: it listed 222 and 444, and owns 222 alone. */
    static JobEvent listingPageEvent() {
        return new JobEvent(JOB, NOW, "locations:111:p2", 0, JobEvent.Outcome.DONE, List.of("reviews:222:1"), 0, 1, 0, 0, null,
                0, 0, 0, 0, null, 0, List.of("222", "444"));
    }

    static FetchReviews recoveryPage() {
        return fetchReviews().recovery(NOW, 1, 120);
    }

    static List<Event> all() {
        return List.of(fetchAccounts(), notificationsJob(), fetchLocations(), fetchReviews(), recoveryPage(), fetchReviewBatch(),
                fetchReviewChange(), reviewRaw(), reviewDeleted(), retryRequest(), deadLetter(), poisonDeadLetter(), jobEvent(),
                reviewPageEvent(), listingPageEvent());
    }

    private SampleEvents() {
    }
}
