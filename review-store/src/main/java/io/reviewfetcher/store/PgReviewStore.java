package io.reviewfetcher.store;

import io.reviewfetcher.events.ReviewChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ReviewStore} over the reactive PostgreSQL client: every method is one statement, or one transaction. */
@ApplicationScoped
public class PgReviewStore implements ReviewStore {

    /** How long a tombstone stays, so that a reader can still tell a deleted review from one never stored. */
    static final Duration TOMBSTONE_RETENTION = Duration.ofDays(7);

    // What a review is to the job: decided against the row as it was by the job's first write, kept by its later
    // ones. The row only ever moves to a newer (or the same) version; fetched_at, expires_at and last_job move on.
    private static final String RECORD = """
            INSERT INTO review_store.reviews AS r (location_id, review_id, account_id, update_time, create_time,
                star_rating, google, fetched_at, expires_at, last_job, job_change)
            SELECT $1::text, p.review_id, $2::text, p.update_time, p.create_time, p.star_rating, p.google::jsonb,
                $3::timestamptz, $4::timestamptz, $5::text, 'new'
            FROM unnest($6::text[], $7::timestamptz[], $8::timestamptz[], $9::int4[], $10::text[])
                AS p(review_id, update_time, create_time, star_rating, google)
            ON CONFLICT (location_id, review_id) DO UPDATE SET
                job_change = CASE
                    WHEN r.last_job = EXCLUDED.last_job THEN r.job_change
                    WHEN r.deleted_at IS NOT NULL THEN 'new'
                    WHEN EXCLUDED.update_time > r.update_time THEN 'updated'
                    ELSE 'unchanged' END,
                update_time = GREATEST(r.update_time, EXCLUDED.update_time),
                create_time = CASE WHEN EXCLUDED.update_time >= r.update_time
                    THEN EXCLUDED.create_time ELSE r.create_time END,
                star_rating = CASE WHEN EXCLUDED.update_time >= r.update_time
                    THEN EXCLUDED.star_rating ELSE r.star_rating END,
                google = CASE WHEN EXCLUDED.update_time >= r.update_time THEN EXCLUDED.google ELSE r.google END,
                account_id = EXCLUDED.account_id,
                fetched_at = EXCLUDED.fetched_at,
                expires_at = EXCLUDED.expires_at,
                met_at = now(),
                last_job = EXCLUDED.last_job,
                deleted_job = NULL,
                deleted_at = NULL
            RETURNING review_id, job_change""";

    // Tombstoned rows are not counted: a row the job met and another job's walk found deleted since is gone.
    private static final String MET_BY_JOB = """
            SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS delivered,
                max(update_time) FILTER (WHERE last_job = $2) AS newest
            FROM review_store.reviews WHERE location_id = $1 AND (last_job = $2 OR met_at >= $3::timestamptz)""";

    // The job's own tombstones are listed again (with the time first found), so an end run again answers the same.
    private static final String TOMBSTONE_UNMET = """
            UPDATE review_store.reviews SET deleted_job = $2, deleted_at = COALESCE(deleted_at, $3::timestamptz)
            WHERE location_id = $1 AND last_job <> $2 AND met_at < $4::timestamptz
              AND (deleted_at IS NULL OR deleted_job = $2)
            RETURNING review_id, fetched_at, deleted_at""";

    private static final String NOW = "SELECT now() AS now";

    private static final String LAST_FETCH = """
            SELECT fetched_at, last_job FROM review_store.reviews WHERE location_id = $1 AND review_id = $2""";

    // Written at the start of every walk: a listing unchanged since leaves the row alone, so runs add no row versions.
    private static final String DESCRIBE = """
            INSERT INTO review_store.locations AS l (location_id, account_id, title, maps_uri, updated_at)
            SELECT p.location_id, $1::text, p.title, p.maps_uri, $2::timestamptz
            FROM unnest($3::text[], $4::text[], $5::text[]) AS p(location_id, title, maps_uri)
            ON CONFLICT (location_id) DO UPDATE SET
                account_id = EXCLUDED.account_id,
                title = EXCLUDED.title,
                maps_uri = EXCLUDED.maps_uri,
                updated_at = EXCLUDED.updated_at
            WHERE (l.account_id, l.title, l.maps_uri) IS DISTINCT FROM (EXCLUDED.account_id, EXCLUDED.title, EXCLUDED.maps_uri)""";

    private static final String LISTING = """
            SELECT title, maps_uri FROM review_store.locations WHERE location_id = $1""";

    private static final String VERIFY_LOCATION = """
            INSERT INTO review_store.locations AS l (location_id, account_id, watermark, review_count, verified_job,
                verified_at, updated_at)
            VALUES ($1, $2, $3::timestamptz, $4::int4, $5, $6::timestamptz, $6::timestamptz)
            ON CONFLICT (location_id) DO UPDATE SET
                account_id = EXCLUDED.account_id,
                watermark = EXCLUDED.watermark,
                review_count = EXCLUDED.review_count,
                verified_job = EXCLUDED.verified_job,
                verified_at = EXCLUDED.verified_at,
                unverified_since = NULL,
                updated_at = EXCLUDED.updated_at""";

    private static final String MARK_UNVERIFIED = """
            INSERT INTO review_store.locations AS l (location_id, account_id, unverified_since, updated_at)
            VALUES ($1, $2, $3::timestamptz, $3::timestamptz)
            ON CONFLICT (location_id) DO UPDATE SET
                unverified_since = COALESCE(l.unverified_since, EXCLUDED.unverified_since),
                updated_at = EXCLUDED.updated_at""";

    private static final String UNVERIFIED = """
            SELECT location_id FROM review_store.locations
            WHERE location_id = ANY($1::text[]) AND unverified_since IS NOT NULL""";

    private static final String WATERMARKS = """
            SELECT location_id, watermark FROM review_store.locations
            WHERE location_id = ANY($1::text[]) AND watermark IS NOT NULL""";

    // GREATEST skips NULL: a location without a watermark takes the new one.
    private static final String ADVANCE_WATERMARK = """
            INSERT INTO review_store.locations AS l (location_id, account_id, watermark, updated_at)
            VALUES ($1, $2, $3::timestamptz, $4::timestamptz)
            ON CONFLICT (location_id) DO UPDATE SET
                watermark = GREATEST(l.watermark, EXCLUDED.watermark),
                account_id = EXCLUDED.account_id,
                updated_at = EXCLUDED.updated_at""";

    // Chosen by ctid in a bounded subquery so one call deletes at most a batch; the outer condition again, so a row
    // a job met again in between (a new row version) is left alone.
    private static final String PRUNE = """
            DELETE FROM review_store.reviews
            WHERE ctid = ANY(ARRAY(
                    SELECT ctid FROM review_store.reviews
                    WHERE expires_at <= $1::timestamptz OR deleted_at < $2::timestamptz
                    LIMIT $3::int4))
                AND (expires_at <= $1::timestamptz OR deleted_at < $2::timestamptz)""";

    private final Pool pool;

    @Inject
    public PgReviewStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Map<String, ReviewChange>> record(String jobId, String accountId, String locationId,
                                                 List<Incoming> reviews, Instant fetchedAt, Instant expiresAt) {
        if (reviews.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple params = Tuple.tuple().addString(locationId).addString(accountId)
                .addOffsetDateTime(PgTime.param(fetchedAt)).addOffsetDateTime(PgTime.param(expiresAt))
                .addString(jobId);
        PageColumns.of(reviews).appendTo(params);
        return pool.preparedQuery(RECORD).execute(params).map(PgReviewStore::changes);
    }

    private static Map<String, ReviewChange> changes(RowSet<Row> rows) {
        Map<String, ReviewChange> changes = new HashMap<>();
        for (Row row : rows) {
            changes.put(row.getString("review_id"), change(row.getString("job_change")));
        }
        return changes;
    }

    private static ReviewChange change(String stored) {
        return switch (stored) {
            case "new" -> ReviewChange.NEW;
            case "updated" -> ReviewChange.UPDATED;
            case "unchanged" -> ReviewChange.UNCHANGED;
            default -> throw new IllegalStateException("job_change " + stored);
        };
    }

    @Override
    public Uni<WalkEnd> endWalk(String jobId, String accountId, String locationId, int expected, Instant walkStartedAt,
                                Instant now) {
        Instant metSince = walkStartedAt;
        return pool.withTransaction(conn -> conn.preparedQuery(MET_BY_JOB)
                .execute(Tuple.of(locationId, jobId, PgTime.param(metSince)))
                .chain(rows -> {
                    Row met = rows.iterator().next();
                    int delivered = Math.toIntExact(met.getLong("delivered"));
                    if (delivered < expected) {
                        return Uni.createFrom().item(new WalkEnd(delivered, false, List.of()));
                    }
                    // A location without reviews: anything written after its walk started is newer.
                    Instant newest = PgTime.column(met, "newest");
                    Verified verified = new Verified(jobId, accountId, locationId, expected,
                            newest != null ? newest : walkStartedAt, metSince, now);
                    return verify(conn, verified).map(deleted -> new WalkEnd(delivered, true, deleted));
                }));
    }

    private record Verified(String jobId, String accountId, String locationId, int expected, Instant newest,
                            Instant metSince, Instant now) {
    }

    private static Uni<List<Deleted>> verify(SqlConnection conn, Verified walk) {
        Tuple tombstone = Tuple.of(walk.locationId(), walk.jobId(), PgTime.param(walk.now()), PgTime.param(walk.metSince()));
        Tuple location = Tuple.tuple().addString(walk.locationId()).addString(walk.accountId())
                .addOffsetDateTime(PgTime.param(walk.newest())).addInteger(walk.expected())
                .addString(walk.jobId()).addOffsetDateTime(PgTime.param(walk.now()));
        return conn.preparedQuery(TOMBSTONE_UNMET).execute(tombstone)
                .map(PgReviewStore::deletions)
                .call(() -> conn.preparedQuery(VERIFY_LOCATION).execute(location));
    }

    private static List<Deleted> deletions(RowSet<Row> rows) {
        List<Deleted> deleted = new ArrayList<>();
        for (Row row : rows) {
            deleted.add(new Deleted(row.getString("review_id"), PgTime.column(row, "fetched_at"),
                    PgTime.column(row, "deleted_at")));
        }
        // UPDATE ... RETURNING has no order; a fixed one makes an end run again answer the same list.
        deleted.sort(Comparator.comparing(Deleted::reviewId));
        return List.copyOf(deleted);
    }

    @Override
    public Uni<Instant> now() {
        return pool.query(NOW).execute().map(rows -> PgTime.column(rows.iterator().next(), "now"));
    }

    @Override
    public Uni<Optional<LastFetch>> lastFetch(String locationId, String reviewId) {
        return pool.preparedQuery(LAST_FETCH).execute(Tuple.of(locationId, reviewId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new LastFetch(PgTime.column(row, "fetched_at"), row.getString("last_job")));
        });
    }

    @Override
    public Uni<Void> describe(String accountId, List<Listing> locations, Instant now) {
        // One statement cannot upsert a row twice: a location listed twice counts once, as listed last.
        Map<String, Listing> distinct = new LinkedHashMap<>();
        locations.forEach(listing -> distinct.put(listing.locationId(), listing));
        if (distinct.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.tuple().addString(accountId).addOffsetDateTime(PgTime.param(now))
                .addArrayOfString(distinct.keySet().toArray(String[]::new))
                .addArrayOfString(distinct.values().stream().map(Listing::title).toArray(String[]::new))
                .addArrayOfString(distinct.values().stream().map(Listing::mapsUri).toArray(String[]::new));
        return pool.preparedQuery(DESCRIBE).execute(params).replaceWithVoid();
    }

    @Override
    public Uni<Optional<Listing>> listing(String locationId) {
        return pool.preparedQuery(LISTING).execute(Tuple.of(locationId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Listing(locationId, row.getString("title"), row.getString("maps_uri")));
        });
    }

    @Override
    public Uni<Map<String, Instant>> watermarks(Collection<String> locationIds) {
        if (locationIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Tuple params = Tuple.tuple().addArrayOfString(locationIds.toArray(String[]::new));
        return pool.preparedQuery(WATERMARKS).execute(params).map(rows -> {
            Map<String, Instant> watermarks = new HashMap<>();
            for (Row row : rows) {
                watermarks.put(row.getString("location_id"), PgTime.column(row, "watermark"));
            }
            return watermarks;
        });
    }

    @Override
    public Uni<Set<String>> unverified(Collection<String> locationIds) {
        if (locationIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        Tuple params = Tuple.tuple().addArrayOfString(locationIds.toArray(String[]::new));
        return pool.preparedQuery(UNVERIFIED).execute(params).map(rows -> {
            Set<String> unverified = new HashSet<>();
            rows.forEach(row -> unverified.add(row.getString("location_id")));
            return unverified;
        });
    }

    @Override
    public Uni<Void> markUnverified(String accountId, String locationId, Instant now) {
        return pool.preparedQuery(MARK_UNVERIFIED).execute(Tuple.of(locationId, accountId, PgTime.param(now))).replaceWithVoid();
    }

    @Override
    public Uni<Void> advanceWatermark(String accountId, String locationId, Instant newest, Instant now) {
        if (newest == null) {
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.of(locationId, accountId, PgTime.param(newest), PgTime.param(now));
        return pool.preparedQuery(ADVANCE_WATERMARK).execute(params).replaceWithVoid();
    }

    @Override
    public Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor) {
        ReviewQuery query;
        try {
            query = ReviewQuery.of(locationId, updatedSince, limit, cursor == null ? null : ReadCursor.decode(cursor));
        } catch (IllegalArgumentException invalid) {
            return Uni.createFrom().failure(invalid);
        }
        return pool.preparedQuery(query.sql()).execute(query.params()).map(query::page);
    }

    @Override
    public Uni<Integer> prune(Instant now, int batch) {
        Tuple params = Tuple.of(PgTime.param(now), PgTime.param(now.minus(TOMBSTONE_RETENTION)), batch);
        return pool.preparedQuery(PRUNE).execute(params).map(RowSet::rowCount);
    }
}
