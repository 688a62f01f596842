package io.reviewfetcher.google.permits;

/**
 * Which of a job's Google calls goes first when calls wait for the quota ({@link PermitLine}): the one whose walk
 * has the most pages left. A page is fetched only once the page before it is, so a location of 85 pages needs 85
 * calls one after another, whatever the quota: started late, or served one page per round of a long line, it alone
 * would keep its job running for minutes after every other call of the job was made. Serving the longest walk left
 * first (the classic longest-processing-time rule) lets the short walks fill the job's share around it.
 *
 * <p>A listing page and a location's first page come first of all in their job: they are what tells how much work
 * there is (a listing fans out locations, a first page gives the location's review count), one call each.
 *
 * <p>Only within a job: between credentials, and between a credential's jobs, the line shares the permits equally
 * ({@link FairQueue}), so one job's urgent calls cannot hold back another job's calls.
 */
public final class CallUrgency {
    /** accounts.list, locations.list, and a location's first page of reviews. */
    public static final int DISCOVERY = Integer.MAX_VALUE;

    private CallUrgency() {
    }

    /**
     * A page of a location's reviews.
     *
     * @param reviewCount Google's {@code totalReviewCount} as its previous page gave it, or null (first page)
     * @param pageNumber  the page, from 1
     * @param pageSize    reviews per page
     * @return the pages of the walk left, this one included, or {@link #DISCOVERY} while the count is unknown
     */
    public static int reviewPage(Integer reviewCount, int pageNumber, int pageSize) {
        if (reviewCount == null || pageNumber <= 1) {
            return DISCOVERY;
        }
        int pages = (int) Math.ceil(reviewCount / (double) pageSize);
        return Math.max(1, pages - pageNumber + 1);
    }

    /**
     * A page of a batch of locations' reviews (batchGetReviews, incremental runs). Google gives no count for a batch,
     * so every page is as unknown as a location's first page; such walks are short by design (they stop behind the
     * watermarks), and each holds one call at a time.
     */
    public static int reviewBatchPage() {
        return DISCOVERY;
    }

    /**
     * A review Google notified (reviews.get). Its job is that one call, so the value ranks it only against itself: what
     * puts it ahead of a long walk's pages is the fair share ({@link FairQueue}), where a job new to the line starts at
     * the count served last and so takes its credential's next turn, while the walk's job has been charged for every
     * page it got. The highest value all the same, so it stays first should its job ever hold more calls.
     */
    public static int notifiedReview() {
        return DISCOVERY;
    }
}
