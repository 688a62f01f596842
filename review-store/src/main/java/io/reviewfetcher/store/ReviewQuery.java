package io.reviewfetcher.store;

import io.reviewfetcher.store.ReviewStore.ReviewPage;
import io.reviewfetcher.store.ReviewStore.StoredReview;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the read API: a location's live reviews in (update_time, review_id) order, walked by keyset on the
 * index of the same columns. One row more than the page is asked for, to know whether another page follows. Each
 * optional bound is in the SQL only when given (four statement texts), so every plan is a plain index range.
 */
record ReviewQuery(String sql, Tuple params, int limit) {

    private static final String SELECT = """
            SELECT location_id, review_id, account_id, star_rating, create_time, update_time, fetched_at,
                expires_at, last_job, google::text AS google
            FROM review_store.reviews
            WHERE location_id = $1 AND deleted_at IS NULL AND expires_at > now()""";

    static ReviewQuery of(String locationId, Instant updatedSince, int limit, ReadCursor after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        StringBuilder sql = new StringBuilder(SELECT);
        Tuple params = Tuple.tuple().addString(locationId);
        if (updatedSince != null) {
            params.addOffsetDateTime(PgTime.param(updatedSince));
            sql.append(" AND update_time >= $").append(params.size()).append("::timestamptz");
        }
        if (after != null) {
            params.addOffsetDateTime(PgTime.param(after.updateTime())).addString(after.reviewId());
            sql.append(" AND (update_time, review_id) > ($").append(params.size() - 1).append("::timestamptz, $")
                    .append(params.size()).append("::text)");
        }
        params.addLong(limit + 1L);
        sql.append(" ORDER BY update_time, review_id LIMIT $").append(params.size()).append("::int8");
        return new ReviewQuery(sql.toString(), params, limit);
    }

    ReviewPage page(RowSet<Row> rows) {
        List<StoredReview> reviews = new ArrayList<>(Math.min(rows.size(), limit));
        for (Row row : rows) {
            if (reviews.size() == limit) {
                StoredReview last = reviews.get(limit - 1);
                return new ReviewPage(List.copyOf(reviews),
                        new ReadCursor(last.updateTime(), last.reviewId()).encode());
            }
            reviews.add(review(row));
        }
        return new ReviewPage(List.copyOf(reviews), null);
    }

    private static StoredReview review(Row row) {
        return new StoredReview(row.getString("location_id"), row.getString("review_id"),
                row.getString("account_id"), row.getInteger("star_rating"), PgTime.column(row, "create_time"),
                PgTime.column(row, "update_time"), PgTime.column(row, "fetched_at"),
                PgTime.column(row, "expires_at"), row.getString("last_job"), row.getString("google"));
    }
}
