package io.reviewfetcher.emulator.data;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An immutable snapshot of one location's reviews, sorted once per order. A change to the location
 * replaces the whole snapshot (with a new version), so readers never lock and the page cache of an
 * old snapshot simply goes away with it.
 */
public final class LocationReviews {

    private final long version;
    /** Sorted lazily per order (the rating orders are rarely asked for); a race only sorts twice. */
    private final AtomicReferenceArray<Review[]> byOrder;
    private final List<Review> reviews;
    private final double averageRating;
    private final ConcurrentHashMap<Object, byte[]> renderedPages = new ConcurrentHashMap<>();

    public LocationReviews(long version, List<Review> reviews) {
        this.version = version;
        this.reviews = List.copyOf(reviews);
        this.byOrder = new AtomicReferenceArray<>(ReviewOrder.values().length);
        ordered(ReviewOrder.UPDATE_TIME_DESC);
        this.averageRating = reviews.isEmpty() ? 0 : reviews.stream().mapToInt(Review::stars).average().orElse(0);
    }

    public long version() {
        return version;
    }

    public int total() {
        return reviews.size();
    }

    /** Mean star rating of the whole location, unrounded. */
    public double averageRating() {
        return averageRating;
    }

    public Review[] ordered(ReviewOrder order) {
        Review[] sorted = byOrder.get(order.ordinal());
        if (sorted == null) {
            sorted = reviews.toArray(new Review[0]);
            Arrays.sort(sorted, order.comparator);
            byOrder.set(order.ordinal(), sorted);
        }
        return sorted;
    }

    public List<Review> all() {
        return reviews;
    }

    /** Rendered response bodies of this snapshot, keyed by whatever identifies a page. */
    public ConcurrentHashMap<Object, byte[]> renderedPages() {
        return renderedPages;
    }
}
