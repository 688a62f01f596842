package io.reviewfetcher.store;

import io.reviewfetcher.store.ReviewStore.Incoming;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of reviews as the columns of one {@code unnest(...)}: the whole page is one statement with five array
 * parameters, however many reviews it has. A review listed twice counts once, in its newest version (one statement
 * cannot upsert the same row twice).
 */
record PageColumns(String[] reviewIds, OffsetDateTime[] updateTimes, OffsetDateTime[] createTimes,
                   Integer[] starRatings, String[] googleJson) {

    static PageColumns of(List<Incoming> reviews) {
        Collection<Incoming> distinct = newestById(reviews);
        int size = distinct.size();
        PageColumns columns = new PageColumns(new String[size], new OffsetDateTime[size], new OffsetDateTime[size],
                new Integer[size], new String[size]);
        int i = 0;
        for (Incoming review : distinct) {
            columns.reviewIds[i] = review.reviewId();
            columns.updateTimes[i] = PgTime.param(review.updateTime());
            columns.createTimes[i] = PgTime.param(review.createTime());
            columns.starRatings[i] = review.starRating();
            columns.googleJson[i] = review.googleJson();
            i++;
        }
        return columns;
    }

    private static Collection<Incoming> newestById(List<Incoming> reviews) {
        Map<String, Incoming> byId = new LinkedHashMap<>();
        for (Incoming review : reviews) {
            byId.merge(review.reviewId(), review,
                    (kept, other) -> other.updateTime().isAfter(kept.updateTime()) ? other : kept);
        }
        return byId.values();
    }

    Tuple appendTo(Tuple tuple) {
        return tuple.addArrayOfString(reviewIds)
                .addArrayOfOffsetDateTime(updateTimes)
                .addArrayOfOffsetDateTime(createTimes)
                .addArrayOfInteger(starRatings)
                .addArrayOfString(googleJson);
    }
}
