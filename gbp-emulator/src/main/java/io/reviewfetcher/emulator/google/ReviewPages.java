package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.data.LocationReviews;
import io.reviewfetcher.emulator.data.Review;
import io.reviewfetcher.emulator.data.ReviewOrder;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.google.model.ListReviewsResponse;
import io.reviewfetcher.emulator.google.model.ReviewJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * reviews.list pages. A page of a snapshot is rendered once and then served from the snapshot's
 * cache, so a repeated page costs a map lookup; only the "known issue" fault renders pages per call.
 */
@ApplicationScoped
public class ReviewPages {

    private record PageKey(String accountId, ReviewOrder order, int size, int offset) {
    }

    private final PageTokens pageTokens;
    private final GoogleJson json;

    public ReviewPages(PageTokens pageTokens, GoogleJson json) {
        this.pageTokens = pageTokens;
        this.json = json;
    }

    /** The query a reviews.list page token is bound to. */
    public static String query(LocationAccess.Reached reached, ReviewOrder order) {
        return "reviews.list|" + reached.v4Name() + "|" + order;
    }

    public byte[] page(LocationAccess.Reached reached, LocationReviews snapshot, ReviewOrder order, int size, int offset,
                       FaultState.Compiled fault) {
        if (offset > 0 && fault.pageDropRate() > 0) {
            return render(reached, snapshot, order, size, offset, fault);
        }
        PageKey key = new PageKey(reached.account().id(), order, size, offset);
        byte[] cached = snapshot.renderedPages().get(key);
        if (cached == null) {
            cached = render(reached, snapshot, order, size, offset, null);
            snapshot.renderedPages().putIfAbsent(key, cached);
        }
        return cached;
    }

    private byte[] render(LocationAccess.Reached reached, LocationReviews snapshot, ReviewOrder order, int size,
                          int offset, FaultState.Compiled dropping) {
        Review[] ordered = snapshot.ordered(order);
        int end = Math.min(ordered.length, offset + size);
        List<ReviewJson> reviews = new ArrayList<>(Math.max(0, end - offset));
        String parent = reached.v4Name();
        for (int i = offset; i < end; i++) {
            if (dropping == null || !dropping.dropFromLaterPage()) {
                reviews.add(ReviewJson.of(parent, ordered[i]));
            }
        }
        String next = end < ordered.length ? pageTokens.encode(query(reached, order), snapshot.version(), end) : null;
        int total = snapshot.total();
        return json.write(new ListReviewsResponse(reviews, total == 0 ? null : roundRating(snapshot.averageRating()),
                total == 0 ? null : total, next));
    }

    /** Google reports the average to one decimal, as Maps shows it. */
    public static double roundRating(double average) {
        return Math.round(average * 10) / 10.0;
    }
}
