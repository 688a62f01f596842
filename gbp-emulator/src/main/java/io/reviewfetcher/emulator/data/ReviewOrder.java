package io.reviewfetcher.emulator.data;

import java.util.Comparator;

/** The orders reviews.list and batchGetReviews support. Ascending updateTime is not one of them. */
public enum ReviewOrder {
    UPDATE_TIME_DESC(Comparator.comparing(Review::updateTime).reversed()),
    RATING_ASC(Comparator.comparingInt(Review::stars).thenComparing(Comparator.comparing(Review::updateTime).reversed())),
    RATING_DESC(Comparator.comparingInt(Review::stars).reversed().thenComparing(Comparator.comparing(Review::updateTime).reversed()));

    /** Ties are broken by reviewId so that every order is total and pages never overlap. */
    public final Comparator<Review> comparator;

    ReviewOrder(Comparator<Review> primary) {
        this.comparator = primary.thenComparing(Review::reviewId);
    }
}
