package io.reviewfetcher.reviews;

import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.FetchReviews;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.ReviewDeleted;
import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;

/**
 * A location's full walk checked against Google's {@code totalReviewCount}. Google's known issue (reviews missing
 * from pages after the first, {@code ../shared/gbp-api.md} §5) makes a walk short now and then; a short walk is
 * followed by recovery walks in other orders, which put the left-out reviews on other pages (page 1 of any order is
 * exact), each ending as soon as the count is reached. Only a verified walk finds deletions, so a short page can never
 * fake one; a location still short after the last recovery walk is reported incomplete, never lost in silence.
 */
final class WalkVerification {
    /**
     * Recovery walks after a short full walk: each costs at most the location's pages again. Two were too few: at a 2 %
     * drop rate a review left out by the full walk and by both other orders left a 20,000-review run one review short
     * about once in seven runs; a third walk, in Google's default order again, makes that some 0.3 %.
     */
    static final int MAX_RECOVERY_WALKS = 3;

    /** What a page of a walk leads to once its count is known. */
    record Verdict(List<Event> events, int deleted, JobEvent.Incomplete incomplete, boolean walkEnds) {
        static final Verdict GO_ON = new Verdict(List.of(), 0, null, false);
    }

    private final ReviewStore store;

    WalkVerification(ReviewStore store) {
        this.store = store;
    }

    /**
     * Google's orderBy for a walk: its default (updateTime desc) for the full walk, then rating, then rating desc, then its
     * default again: each walk leaves out other reviews, if any.
     */
    static String orderBy(int recoveryWalk) {
        return switch (recoveryWalk) {
            case 1 -> "rating";
            case 2 -> "rating desc";
            default -> null;
        };
    }

    /** Whether a page of {@code task} is checked: the full walk's last page, and every page of a recovery walk. */
    static boolean checks(FetchReviews task, boolean lastPage) {
        return lastPage || task.recoveryWalkNumber() > 0;
    }

    /**
     * Checks the count after a page: verified, the walk ends with the deletions it found; short on the last page, the
     * next recovery walk starts, or the location is reported incomplete after the last one; short before the last page
     * of a recovery walk, the walk goes on. {@code task} knows when its walk started.
     */
    Uni<Verdict> check(FetchReviews task, int expected, boolean lastPage) {
        Instant now = Instant.now();
        return store.endWalk(task.jobId(), task.accountId(), task.locationId(), expected, task.walkStartedAt(), now).map(end -> {
            if (end.verified()) {
                List<Event> deletions = end.deleted().stream().<Event>map(gone -> new ReviewDeleted(task.jobId(), now,
                        task.accountId(), task.locationId(), gone.reviewId(), gone.lastSeenAt(), gone.detectedAt())).toList();
                return new Verdict(deletions, deletions.size(), null, true);
            }
            if (!lastPage) {
                return Verdict.GO_ON;
            }
            if (task.recoveryWalkNumber() < MAX_RECOVERY_WALKS) {
                return new Verdict(List.of(task.recovery(now, task.recoveryWalkNumber() + 1, expected)), 0, null, true);
            }
            return new Verdict(List.of(), 0, new JobEvent.Incomplete(task.locationId(), expected, end.delivered()), true);
        });
    }
}
