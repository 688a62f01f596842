package io.reviewfetcher.google;

import io.micrometer.core.instrument.MeterRegistry;
import io.reviewfetcher.events.DeadLetter;
import io.reviewfetcher.events.Event;
import io.reviewfetcher.events.Failure;
import io.reviewfetcher.events.JobEvent;
import io.reviewfetcher.events.StageEvent;
import io.reviewfetcher.events.TaskIds;
import io.reviewfetcher.failures.Failures;
import io.reviewfetcher.failures.GoogleApiException;
import io.reviewfetcher.support.logging.JobLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Google's list methods walked one page per record: a worker fetches the page its task names and asks
 * {@link #after} what follows it: nothing (Google omitted {@code nextPageToken}), the next page as a new task,
 * or nothing because the walk loops. A failure then retries one page, never the pages already fetched.
 *
 * <p>The loop guard stops a walk that would never end, before it spends more quota:
 * <ul>
 *   <li>{@code nextPageToken} equal to the token the page was fetched with;</li>
 *   <li>{@code nextPageToken} equal to an earlier token of the walk: each task carries one fingerprint, of the
 *       token of the walk's latest page whose number is a power of two ({@code page_token_mark}), so a cycle of
 *       any length is found by the time the walk reaches four times the page where the cycle closes (Brent's
 *       cycle detection), at the cost of one short field instead of every token seen;</li>
 *   <li>a next page past the bound: for accounts.list and locations.list {@code google.list.max-pages}
 *       ({@code GOOGLE_LIST_MAX_PAGES}, 1,000 pages: 20,000 accounts, 100,000 locations of one account); for
 *       reviews.list {@code ceil(totalReviewCount / pageSize)} + {@value #REVIEW_PAGES_SLACK}, with the page's own
 *       size when Google answered fewer reviews than asked (see {@link #reviewPages}).</li>
 * </ul>
 * A stopped walk keeps what its last page delivered: the task completes. The page it did not fetch is
 * dead-lettered ({@link #stopped}) with a reason starting {@value #REASON_PREFIX}, so the job ends
 * {@code completed_with_errors} and says why, a replay of the dead letter resumes the walk there, and
 * {@code stage_page_walks_stopped_total{endpoint,cause}} counts the stop.
 *
 * <p>A page token Google refuses ({@link GoogleApiException#pageTokenRefused}: expired after a long backlog, or
 * replayed late) never works again, so the walk may start again at page 1 ({@link #restarts}) rather than
 * dead-letter the rest of its list; the once-per-job claims skip what the first walk delivered. At most
 * {@value #MAX_RESTARTS} times per walk, so a list whose tokens never hold ends in fetch-dlq as before;
 * {@code stage_page_walks_restarted_total{endpoint}} counts the restarts.
 */
@ApplicationScoped
public class PageWalk {
    /** Pages beyond {@code ceil(totalReviewCount / pageSize)} a reviews walk may take: reviews written during the walk. */
    public static final int REVIEW_PAGES_SLACK = 2;
    public static final int DEFAULT_MAX_LIST_PAGES = 1000;
    /** How the reason of every stopped walk begins; its dead letters' metric category is {@code page_loop}. */
    public static final String REASON_PREFIX = "page loop: ";
    /** Times a walk starts again at page 1 after a refused page token; the next refusal is a permanent failure. */
    public static final int MAX_RESTARTS = 2;

    private final MeterRegistry metrics;
    private final int maxListPages;

    public PageWalk(MeterRegistry metrics,
                    @ConfigProperty(name = "google.list.max-pages", defaultValue = "" + DEFAULT_MAX_LIST_PAGES) int maxListPages) {
        if (maxListPages < 1) {
            throw new IllegalArgumentException("google.list.max-pages must be at least 1, not " + maxListPages);
        }
        this.metrics = metrics;
        this.maxListPages = maxListPages;
    }

    /**
     * What follows a page of a listing (accounts.list, locations.list), bounded by {@code google.list.max-pages}.
     *
     * @param task          the page just fetched
     * @param nextPageToken Google's {@code nextPageToken} of that page (null or empty on the last page)
     * @param endpoint      Google's method, e.g. {@code locations.list}
     * @param resource      what is listed, for the reason, e.g. {@code accounts/123}; null for none
     */
    public <T extends StageEvent> Next<T> after(T task, String nextPageToken, String endpoint, String resource) {
        return after(task, nextPageToken, endpoint, resource, maxListPages);
    }

    /** As {@link #after(StageEvent, String, String, String)}, with a bound of its own (reviews: {@link #reviewPages}). */
    @SuppressWarnings("unchecked")
    public <T extends StageEvent> Next<T> after(T task, String nextPageToken, String endpoint, String resource, int maxPages) {
        if (nextPageToken == null || nextPageToken.isEmpty()) {
            return new Next<>(null, null);
        }
        int nextNumber = task.pageNumber() + 1;
        String mark = isPowerOfTwo(nextNumber) ? fingerprint(nextPageToken) : task.pageTokenMark();
        T next = (T) task.nextPage(Instant.now(), nextPageToken, mark);
        String where = " on " + endpoint + (resource == null ? "" : " for " + resource);
        String cause = null;
        String reason = null;
        if (nextPageToken.equals(task.pageToken())) {
            cause = "token_repeated";
            reason = "nextPageToken repeated" + where + " (page " + task.pageNumber() + " answered the token it was fetched with)";
        } else if (task.pageTokenMark() != null && task.pageTokenMark().equals(fingerprint(nextPageToken))) {
            cause = "token_seen_before";
            reason = "nextPageToken repeated" + where + " (page " + task.pageNumber() + " answered a token used earlier in the walk)";
        } else if (nextNumber > maxPages) {
            cause = "page_bound";
            reason = "no last page" + where + " within the bound of " + maxPages + " pages";
        }
        if (reason == null) {
            return new Next<>(next, null);
        }
        metrics.counter("stage.page.walks.stopped", "endpoint", endpoint, "cause", cause).increment();
        JobLog.warn(task.jobId(), JobLog.Position.NONE, "walk stopped, page %d not fetched: %s%s", nextNumber, REASON_PREFIX, reason);
        return new Next<>(next, REASON_PREFIX + reason);
    }

    /**
     * Whether the walk of {@code task} starts again at page 1 after {@code error}: Google refused the page token
     * the page was fetched with, and the walk has restarts left. A replayed page may restart once more whatever
     * its walk used: the operator's replay is a generation of its own, as for retries. Counts and logs a restart.
     *
     * @param restarts how often the walk of {@code task} restarted already
     * @param endpoint Google's method, e.g. {@code reviews.list}; @param resource what is listed, for the log
     */
    public boolean restarts(StageEvent task, int restarts, Throwable error, String endpoint, String resource) {
        GoogleApiException google = Failures.find(error, GoogleApiException.class);
        if (task.pageToken() == null || google == null || !google.pageTokenRefused()) {
            return false;
        }
        if (restarts >= MAX_RESTARTS && task.replayedAt() == null) {
            JobLog.warn(task.jobId(), JobLog.Position.NONE, "page %d's token refused on %s for %s after %d restarts: not restarted again",
                    task.pageNumber(), endpoint, resource, restarts);
            return false;
        }
        metrics.counter("stage.page.walks.restarted", "endpoint", endpoint).increment();
        JobLog.warn(task.jobId(), JobLog.Position.NONE, "page %d's token refused on %s for %s: the walk starts again at page 1 (restart %d)",
                task.pageNumber(), endpoint, resource, restarts + 1);
        return true;
    }

    /**
     * The bound of a reviews walk: the pages {@code totalReviewCount} needs, and a little slack; without a count,
     * the listings' bound. The page size is the one asked for, or the page's own when Google answered fewer
     * reviews (a smaller page size, or reviews missing from the page), so a walk of short pages is not cut off.
     *
     * @param pageSize      the {@code pageSize} asked for
     * @param reviewsOnPage how many reviews the page held
     */
    public int reviewPages(Integer totalReviewCount, int pageSize, int reviewsOnPage) {
        if (totalReviewCount == null || totalReviewCount <= 0) {
            return maxListPages;
        }
        int perPage = reviewsOnPage > 0 ? Math.min(pageSize, reviewsOnPage) : pageSize;
        return (totalReviewCount + perPage - 1) / perPage + REVIEW_PAGES_SLACK;
    }

    /**
     * What a stopped walk publishes besides its last page's results: the page it did not fetch, dead-lettered
     * with the reason (a permanent failure, never retried; a replay resumes the walk at that page), and its
     * {@code dead_lettered} job event, which marks the job with errors. That task was never spawned, so it does
     * not hold the job open.
     */
    public static List<Event> stopped(Next<?> next) {
        if (!next.stopped()) {
            throw new IllegalArgumentException("the walk was not stopped");
        }
        StageEvent page = next.page();
        Instant now = Instant.now();
        return List.of(
                new DeadLetter(page.jobId(), now, page.topic(), next.stopReason(), page,
                        List.of(new Failure(page.attempt(), now, null, next.stopReason(), false, null)), null),
                new JobEvent(page.jobId(), now, TaskIds.of(page), page.attempt(), JobEvent.Outcome.DEAD_LETTERED, List.of(),
                        0, 0, 0, 0, next.stopReason()));
    }

    /** 16 hex digits of the token's SHA-256: what a task carries as {@code page_token_mark}. */
    public static String fingerprint(String pageToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pageToken.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * What follows a page.
     *
     * @param page       the next page as a task (also when the walk stopped: the page not fetched), or null
     *                   after the last page
     * @param stopReason why the walk stopped, or null when it goes on (or ended)
     */
    public record Next<T extends StageEvent>(T page, String stopReason) {
        /** The walk goes on with {@link #page}: publish it and list it among the spawned tasks. */
        public boolean continues() {
            return page != null && stopReason == null;
        }

        public boolean stopped() {
            return stopReason != null;
        }
    }
}
