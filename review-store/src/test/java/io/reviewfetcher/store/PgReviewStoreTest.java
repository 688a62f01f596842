package io.reviewfetcher.store;

import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.store.ReviewStore.Deleted;
import io.reviewfetcher.store.ReviewStore.Incoming;
import io.reviewfetcher.store.ReviewStore.LastFetch;
import io.reviewfetcher.store.ReviewStore.Listing;
import io.reviewfetcher.store.ReviewStore.ReviewPage;
import io.reviewfetcher.store.ReviewStore.StoredReview;
import io.reviewfetcher.store.ReviewStore.WalkEnd;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.reviewfetcher.events.ReviewChange.NEW;
import static io.reviewfetcher.events.ReviewChange.UNCHANGED;
import static io.reviewfetcher.events.ReviewChange.UPDATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PgReviewStore against the real PostgreSQL of the local stack (database review_fetcher_test, migrated here with
 * Flyway as the services do at start-up). Every test works on locations of its own, so tests and runs never meet.
 */
class PgReviewStoreTest {

    private static final String ACCOUNT = "accounts/test";
    /** Update times of the reviews: fixed, so versions compare as the test says. */
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    /** Fetch times near the real clock, so rows are live for the read API (it compares expires_at with now()). */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final Duration CACHE_TIME = Duration.ofDays(30);

    private static Pool pool;
    private static PgReviewStore store;

    @BeforeAll
    static void migrateAndConnect() {
        String host = env("REVIEW_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("REVIEW_DB_PORT", "5432"));
        String user = env("REVIEW_DB_USER", "review_fetcher");
        String password = Objects.requireNonNull(env("REVIEW_DB_PASSWORD", System.getenv("TOKEN_DB_PASSWORD")),
                "REVIEW_DB_PASSWORD or TOKEN_DB_PASSWORD must hold the database's password");
        Flyway.configure()
                .dataSource("jdbc:postgresql://" + host + ":" + port + "/review_fetcher_test", user, password)
                .schemas("review_store").table("review_store_schema_history")
                .locations("classpath:db/review-store")
                .load().migrate();
        PgConnectOptions connect = new PgConnectOptions().setHost(host).setPort(port)
                .setDatabase("review_fetcher_test").setUser(user).setPassword(password)
                .setCachePreparedStatements(true);
        pool = PgBuilder.pool().connectingTo(connect).with(new PoolOptions().setMaxSize(4)).build();
        store = new PgReviewStore(pool);
    }

    @AfterAll
    static void close() {
        if (pool != null) {
            pool.closeAndAwait();
        }
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    // --- record -------------------------------------------------------------------------------------------------

    @Test
    void classifiesEachReviewAgainstTheVersionStoredBefore() {
        String loc = location();
        assertEquals(Map.of("r1", NEW, "r2", NEW), record("job1", loc, 0, review("r1", 1), review("r2", 1)));

        assertEquals(Map.of("r1", UPDATED, "r2", UNCHANGED, "r3", NEW),
                record("job2", loc, 1, review("r1", 2), review("r2", 1), review("r3", 1)));

        StoredReview r1 = stored(loc, "r1");
        assertEquals(T0.plusSeconds(120), r1.updateTime());
        assertEquals(new JsonObject(json("r1", 2)), new JsonObject(r1.googleJson()));
        assertEquals("job2", r1.lastJob());
        assertEquals(fetchedAt(1), r1.fetchedAt());
        assertEquals(fetchedAt(1).plus(CACHE_TIME), r1.expiresAt());
        assertEquals(ACCOUNT, r1.accountId());
        assertEquals(T0.minus(Duration.ofDays(1)), r1.createTime());
    }

    @Test
    void aPageRunAgainBySameJobAnswersWhatItAnsweredFirst() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1));
        Map<String, ReviewChange> first = record("job2", loc, 1, review("r1", 2), review("r2", 1), review("r3", 1));

        // The rows now hold job2's versions: compared afresh, r1 would be unchanged and r3 no longer new.
        assertEquals(first, record("job2", loc, 2, review("r1", 2), review("r2", 1), review("r3", 1)));
        assertEquals(Map.of("r1", UPDATED), record("job2", loc, 3, review("r1", 2)), "met again on a later page");
        assertEquals(3, readAll(loc).size());
    }

    @Test
    void anOlderVersionNeverReplacesTheStoredOne() {
        String loc = location();
        record("job1", loc, 0, new Incoming("r1", T0, T0.plusSeconds(120), 5, json("r1", 2)));

        assertEquals(Map.of("r1", UNCHANGED),
                record("job2", loc, 1, new Incoming("r1", T0.minusSeconds(1), T0.plusSeconds(60), 1, json("r1", 1))));

        StoredReview r1 = readAll(loc).get(0);
        assertEquals(T0.plusSeconds(120), r1.updateTime());
        assertEquals(5, r1.starRating());
        assertEquals(T0, r1.createTime());
        assertEquals(new JsonObject(json("r1", 2)), new JsonObject(r1.googleJson()));
        assertEquals("job2", r1.lastJob(), "the job met it all the same");
        assertEquals(fetchedAt(1), r1.fetchedAt());
    }

    /**
     * Two jobs walk one location at once: job2 meets r1 and r2, then job3 meets r2 (it is job3's now). job2's verified
     * end does not take r2 for deleted: it was fetched after job2's walk started. r3, met by nobody since, is.
     */
    @Test
    void aReviewAnotherJobMetDuringTheWalkIsNotDeleted() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1), review("r3", 1));
        record("job2", loc, 1, review("r1", 1), review("r2", 1));
        record("job3", loc, 2, review("r2", 1));

        WalkEnd end = endWalk("job2", loc, 2, 3);

        assertEquals(List.of("r3"), deletedIds(end));
        assertEquals(2, end.delivered(), "r2 counts: fetched since the walk started");
    }

    @Test
    void aTombstoneMetAgainIsNewAndLiveAgain() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1));
        record("job2", loc, 1, review("r1", 1));
        assertEquals(List.of("r2"), deletedIds(endWalk("job2", loc, 1, 2)));
        assertEquals(List.of("r1"), ids(readAll(loc)));

        assertEquals(Map.of("r2", NEW), record("job3", loc, 3, review("r2", 1)));

        assertEquals(List.of("r1", "r2"), ids(readAll(loc)));
        Row r2 = row(loc, "r2");
        assertNull(r2.getValue("deleted_at"));
        assertNull(r2.getValue("deleted_job"));
    }

    @Test
    void aReviewListedTwiceInOnePageIsRecordedOnceInItsNewestVersion() {
        String loc = location();
        assertEquals(Map.of("r1", NEW), record("job1", loc, 0, review("r1", 1), review("r1", 3), review("r1", 2)));
        assertEquals(T0.plusSeconds(180), readAll(loc).get(0).updateTime());
        assertEquals(Map.of(), store.record("job1", ACCOUNT, loc, List.of(), NOW, NOW.plus(CACHE_TIME))
                .await().indefinitely());
    }

    @Test
    void timesAreKeptToTheMicrosecondSoTheSameVersionStaysUnchanged() {
        String loc = location();
        Instant nanos = Instant.parse("2024-03-01T10:00:00.123456789Z");
        record("job1", loc, 0, new Incoming("r1", nanos, nanos, 4, json("r1", 1)));

        assertEquals(Map.of("r1", UNCHANGED), record("job2", loc, 1, new Incoming("r1", nanos, nanos, 4, json("r1", 1))));
        assertEquals(Instant.parse("2024-03-01T10:00:00.123456Z"), readAll(loc).get(0).updateTime());
    }

    @Test
    void aThousandReviewsOfOneLocationAreOneStatement() {
        String loc = location();
        List<Incoming> page = IntStream.range(0, 1_000).mapToObj(i -> review("r" + i, i)).toList();

        Map<String, ReviewChange> changes = store.record("job1", ACCOUNT, loc, page, NOW, NOW.plus(CACHE_TIME))
                .await().indefinitely();

        assertEquals(1_000, changes.size());
        assertTrue(changes.values().stream().allMatch(NEW::equals));
        assertEquals(1_000L, count("SELECT count(*) FROM review_store.reviews WHERE location_id = $1", loc));
        assertEquals(1_000, endWalk("job1", loc, 1_000, 0).delivered());
    }

    // --- endWalk ------------------------------------------------------------------------------------------------

    @Test
    void aShortWalkIsNotVerifiedAndDeletesNothing() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1));
        record("job2", loc, 1, review("r1", 1));

        assertEquals(new WalkEnd(1, false, List.of()), endWalk("job2", loc, 2, 2));

        assertEquals(List.of("r1", "r2"), ids(readAll(loc)));
        assertEquals(Map.of(), store.watermarks(List.of(loc)).await().indefinitely());
    }

    @Test
    void aCompleteWalkTombstonesWhatTheJobDidNotMeetAndAnswersTheSameWhenRunAgain() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1), review("r3", 1), review("r4", 9));
        record("job2", loc, 1, review("r1", 1), review("r2", 5));

        WalkEnd end = endWalk("job2", loc, 2, 2);

        List<Deleted> deleted = List.of(new Deleted("r3", fetchedAt(0), fetchedAt(2)),
                new Deleted("r4", fetchedAt(0), fetchedAt(2)));
        assertEquals(new WalkEnd(2, true, deleted), end);
        assertEquals(List.of("r1", "r2"), ids(readAll(loc)));
        assertEquals("job2", row(loc, "r3").getString("deleted_job"));
        assertEquals(Map.of(loc, T0.plusSeconds(300)), store.watermarks(List.of(loc)).await().indefinitely(),
                "the newest the job met, not the newest stored");
        Row location = locationRow(loc);
        assertEquals(2, location.getInteger("review_count"));
        assertEquals("job2", location.getString("verified_job"));
        assertEquals(fetchedAt(2), PgTime.column(location, "verified_at"));

        assertEquals(end, endWalk("job2", loc, 2, 3), "run again later: same deletions, first detection time");
        record("job3", loc, 4, review("r1", 1), review("r2", 5));
        assertEquals(new WalkEnd(2, true, List.of()), endWalk("job3", loc, 2, 5),
                "another job's tombstones are not reported again");
    }

    @Test
    void aReviewAnotherJobFoundDeletedNoLongerCountsForTheJobThatMetIt() {
        String loc = location();
        record("job1", loc, 0, review("r1", 1), review("r2", 1));
        record("job2", loc, 1, review("r1", 1));
        assertEquals(List.of("r2"), deletedIds(endWalk("job2", loc, 1, 2)));

        // job1 still met r2 last, but r2 is gone: not counted. r1, which job2 met during job1's walk, counts and stays.
        assertEquals(new WalkEnd(1, true, List.of()), endWalk("job1", loc, 1, 3));
        assertEquals(List.of("r1"), ids(readAll(loc)));
    }

    @Test
    void aReviewTheJobMetIsNeverDeleted() {
        String loc = location();
        record("job1", loc, 0, review("r1", 2), review("r2", 2), review("r3", 2));
        record("job2", loc, 1, review("r1", 2));
        // r2 met in an older version, r3 met twice: both are the job's.
        record("job2", loc, 2, review("r2", 1), review("r3", 2));
        record("job2", loc, 3, review("r3", 2));

        assertEquals(new WalkEnd(3, true, List.of()), endWalk("job2", loc, 2, 4));
        assertEquals(List.of("r1", "r2", "r3"), ids(readAll(loc)));
    }

    // --- watermarks ---------------------------------------------------------------------------------------------

    /** Unverified until a verified walk says otherwise; a verified location without reviews gets its walk's start. */
    @Test
    void anUnverifiedMarkLastsUntilAVerifiedWalkAndAnEmptyLocationGetsAWatermark() {
        String loc = location();
        String other = location();
        store.markUnverified(ACCOUNT, loc, NOW).await().indefinitely();
        store.markUnverified(ACCOUNT, loc, NOW.plusSeconds(5)).await().indefinitely();
        assertEquals(Set.of(loc), store.unverified(List.of(loc, other)).await().indefinitely());

        WalkEnd end = endWalk("job1", loc, 0, 1);

        assertTrue(end.verified());
        assertEquals(Set.of(), store.unverified(List.of(loc)).await().indefinitely());
        assertEquals(Map.of(loc, walkStart("job1", loc)), watermarks(loc), "no review: the walk's start");
    }

    @Test
    void watermarksAnswerOnlyLocationsThatHaveOneAndOnlyMoveForward() {
        String walked = location();
        String never = location();
        String incremental = location();
        record("job1", walked, 0, review("r1", 5));
        endWalk("job1", walked, 1, 1);

        store.advanceWatermark(ACCOUNT, walked, T0.plusSeconds(60), NOW).await().indefinitely();
        store.advanceWatermark(ACCOUNT, never, null, NOW).await().indefinitely();
        assertEquals(Map.of(walked, T0.plusSeconds(300)), watermarks(walked, never, incremental), "not back");
        assertEquals(0L, count("SELECT count(*) FROM review_store.locations WHERE location_id = $1", never));

        store.advanceWatermark(ACCOUNT, walked, T0.plusSeconds(420), NOW).await().indefinitely();
        store.advanceWatermark(ACCOUNT, incremental, Instant.parse("2024-03-01T10:00:00.123456789Z"), NOW)
                .await().indefinitely();
        assertEquals(Map.of(walked, T0.plusSeconds(420), incremental, Instant.parse("2024-03-01T10:00:00.123456Z")),
                watermarks(walked, never, incremental));
        assertEquals(Map.of(), store.watermarks(List.of()).await().indefinitely());
    }

    // --- a review fetched on its own (Google's notifications) ----------------------------------------------------

    @Test
    void theLastFetchOfAReviewIsItsLatestFetchTimeAndJobTombstonesIncluded() {
        String loc = location();
        assertEquals(Optional.empty(), lastFetch(loc, "r1"), "never met");

        record("job1", loc, 0, review("r1", 1), review("r2", 1));
        record("job2", loc, 2, review("r1", 1));
        assertEquals(Optional.of(new LastFetch(fetchedAt(2), "job2")), lastFetch(loc, "r1"), "an unchanged version fetched again");
        assertEquals(Optional.of(new LastFetch(fetchedAt(0), "job1")), lastFetch(loc, "r2"));

        endWalk("job2", loc, 1, 3);
        assertEquals(Optional.of(new LastFetch(fetchedAt(0), "job1")), lastFetch(loc, "r2"), "tombstoned: when it was last seen");
        assertEquals(Optional.empty(), lastFetch(location(), "r1"), "the same id at another location is another review");
    }

    @Test
    void aLocationIsDescribedAsARunLastListedItAndKnownOnceAnyRunReachedIt() {
        String described = location();
        String walkedBefore = location();
        String never = location();
        assertEquals(Optional.empty(), listing(described));

        store.describe(ACCOUNT, List.of(new Listing(described, "Old name", null), new Listing(described, "Cafe", "https://maps/1")),
                NOW).await().indefinitely();
        assertEquals(Optional.of(new Listing(described, "Cafe", "https://maps/1")), listing(described), "listed last wins");
        Instant updated = PgTime.column(locationRow(described), "updated_at");

        store.describe(ACCOUNT, List.of(new Listing(described, "Cafe", "https://maps/1")), NOW.plusSeconds(60)).await().indefinitely();
        assertEquals(updated, PgTime.column(locationRow(described), "updated_at"), "the same listing again leaves the row alone");

        store.describe(ACCOUNT, List.of(new Listing(described, "Cafe Renamed", null)), NOW.plusSeconds(120)).await().indefinitely();
        assertEquals(Optional.of(new Listing(described, "Cafe Renamed", null)), listing(described), "a Maps link gone is gone");

        store.markUnverified(ACCOUNT, walkedBefore, NOW).await().indefinitely();
        assertEquals(Optional.of(new Listing(walkedBefore, null, null)), listing(walkedBefore), "reached, never described");
        assertEquals(Optional.empty(), listing(never));
        store.describe(ACCOUNT, List.of(), NOW).await().indefinitely();
    }

    @Test
    void describingKeepsTheWatermarkAndTheUnverifiedMark() {
        String loc = location();
        record("job1", loc, 0, review("r1", 5));
        endWalk("job1", loc, 1, 1);
        store.markUnverified(ACCOUNT, loc, NOW).await().indefinitely();

        store.describe(ACCOUNT, List.of(new Listing(loc, "Cafe", "https://maps/1")), NOW).await().indefinitely();

        assertEquals(Map.of(loc, T0.plusSeconds(300)), watermarks(loc));
        assertEquals(Set.of(loc), store.unverified(List.of(loc)).await().indefinitely());
    }

    // --- read ---------------------------------------------------------------------------------------------------

    @Test
    void readPagesInUpdateTimeThenReviewIdOrderUntilTheCursorIsNull() {
        String loc = location();
        record("job1", loc, 0, review("e", 1), review("d", 2), review("c", 2), review("b", 3), review("a", 4));

        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            ReviewPage page = store.read(loc, null, 2, cursor).await().indefinitely();
            pages.add(ids(page.reviews()));
            cursor = page.nextCursor();
        } while (cursor != null);

        assertEquals(List.of(List.of("e", "c"), List.of("d", "b"), List.of("a")), pages);
        ReviewPage exact = store.read(loc, null, 5, null).await().indefinitely();
        assertEquals(List.of("e", "c", "d", "b", "a"), ids(exact.reviews()));
        assertNull(exact.nextCursor(), "no page follows a page that holds the rest exactly");
    }

    @Test
    void readAnswersLiveReviewsUpdatedSinceTheGivenTime() {
        String loc = location();
        record("job1", loc, 0, review("old", 1), review("edge", 2), review("new", 3), review("gone", 4));
        record("job2", loc, 1, review("old", 1), review("edge", 2), review("new", 3));
        endWalk("job2", loc, 3, 1);
        Instant longAgo = NOW.minus(Duration.ofDays(40));
        store.record("job3", ACCOUNT, loc, List.of(review("expired", 5)), longAgo, longAgo.plus(CACHE_TIME))
                .await().indefinitely();

        assertEquals(List.of("old", "edge", "new"), ids(readAll(loc)));
        assertEquals(List.of("edge", "new"), ids(store.read(loc, T0.plusSeconds(120), 10, null)
                .await().indefinitely().reviews()));
        ReviewPage first = store.read(loc, T0.plusSeconds(90), 1, null).await().indefinitely();
        assertEquals(List.of("edge"), ids(first.reviews()));
        ReviewPage second = store.read(loc, T0.plusSeconds(90), 1, first.nextCursor()).await().indefinitely();
        assertEquals(List.of("new"), ids(second.reviews()));
        assertNull(second.nextCursor());
    }

    @Test
    void readRejectsACursorItDidNotWriteWithoutRepeatingIt() {
        String loc = location();
        String foreign = "not-a-cursor!";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> store.read(loc, null, 10, foreign).await().indefinitely());
        assertTrue(error.getMessage().startsWith("cursor"), error.getMessage());
        assertFalse(error.getMessage().contains(foreign));

        String wellFormedBase64 = "AAAA";
        assertThrows(IllegalArgumentException.class,
                () -> store.read(loc, null, 10, wellFormedBase64).await().indefinitely());
        assertThrows(IllegalArgumentException.class, () -> store.read(loc, null, 0, null).await().indefinitely());
    }

    @Test
    void aCursorCarriesTheUpdateTimeToTheMicrosecondAndTheReviewId() {
        Instant time = Instant.parse("1969-12-31T23:59:59.999999Z");
        ReadCursor cursor = new ReadCursor(time, "ré/view:1");
        assertEquals(cursor, ReadCursor.decode(cursor.encode()));
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), "URL-safe, no padding");
    }

    // --- prune --------------------------------------------------------------------------------------------------

    @Test
    void pruneRemovesExpiredRowsAndWeekOldTombstonesOnly() {
        // A timeline in 1990 so that no other test's rows (fetched now) are due; earlier runs' leftovers go first.
        Instant pruneAt = Instant.parse("1990-01-01T00:00:00Z");
        Instant future = NOW.plus(CACHE_TIME);
        while (store.prune(pruneAt, 1_000).await().indefinitely() > 0) {
            // drained
        }
        String loc1 = location();
        String loc2 = location();
        Instant fetched = pruneAt.minus(Duration.ofDays(30));
        recordAt("job1", loc1, fetched, future, review("oldTombstone", 1));
        recordAt("job2", loc1, fetched, pruneAt.minusSeconds(1), review("expired", 1));
        recordAt("job2", loc1, fetched, future, review("live", 1));
        store.endWalk("job2", ACCOUNT, loc1, 2, walkStart("job2", loc1), pruneAt.minus(Duration.ofDays(8))).await().indefinitely();
        recordAt("job1", loc2, fetched, future, review("youngTombstone", 1));
        recordAt("job2", loc2, fetched, pruneAt, review("expiresAtPruneTime", 1));
        recordAt("job2", loc2, fetched, future, review("live", 1));
        store.endWalk("job2", ACCOUNT, loc2, 2, walkStart("job2", loc2), pruneAt.minus(Duration.ofDays(6))).await().indefinitely();

        assertEquals(2, store.prune(pruneAt, 2).await().indefinitely(), "a batch at most");
        assertEquals(1, store.prune(pruneAt, 2).await().indefinitely());
        assertEquals(0, store.prune(pruneAt, 2).await().indefinitely());

        assertEquals(List.of("live"), storedIds(loc1));
        assertEquals(List.of("live", "youngTombstone"), storedIds(loc2));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static String location() {
        return "locations/test-" + UUID.randomUUID();
    }

    /** The n-th fetch of a test: a second apart. */
    private static Instant fetchedAt(int n) {
        return NOW.plusSeconds(n);
    }

    /** A review whose update_time is {@code minutes} after T0; its JSON says which version it is. */
    private static Incoming review(String id, int minutes) {
        return new Incoming(id, T0.minus(Duration.ofDays(1)), T0.plusSeconds(60L * minutes), 5, json(id, minutes));
    }

    private static String json(String id, int version) {
        return new JsonObject().put("reviewId", id).put("comment", "version " + version)
                .put("starRating", "FIVE").encode();
    }

    private static Map<String, ReviewChange> record(String job, String loc, int fetch, Incoming... reviews) {
        return recordAt(job, loc, fetchedAt(fetch), fetchedAt(fetch).plus(CACHE_TIME), reviews);
    }

    private static Map<String, ReviewChange> recordAt(String job, String loc, Instant fetched, Instant expires,
                                                      Incoming... reviews) {
        WALK_STARTS.computeIfAbsent(job + "|" + loc, key -> store.now().await().indefinitely());
        return store.record(job, ACCOUNT, loc, Arrays.asList(reviews), fetched, expires).await().indefinitely();
    }

    /** When each job's walk of a location started, by the store's clock: before the job's first write there. */
    private static final Map<String, Instant> WALK_STARTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Instant walkStart(String job, String loc) {
        return WALK_STARTS.computeIfAbsent(job + "|" + loc, key -> store.now().await().indefinitely());
    }

    /** The end of a walk of {@code job} at fetch {@code at}; the walk started before the job's first write there. */
    private static WalkEnd endWalk(String job, String loc, int expected, int at) {
        return store.endWalk(job, ACCOUNT, loc, expected, walkStart(job, loc), fetchedAt(at)).await().indefinitely();
    }

    private static Optional<LastFetch> lastFetch(String loc, String reviewId) {
        return store.lastFetch(loc, reviewId).await().indefinitely();
    }

    private static Optional<Listing> listing(String loc) {
        return store.listing(loc).await().indefinitely();
    }

    private static Map<String, Instant> watermarks(String... locations) {
        return store.watermarks(List.of(locations)).await().indefinitely();
    }

    private static List<StoredReview> readAll(String loc) {
        ReviewPage page = store.read(loc, null, 1_000, null).await().indefinitely();
        assertNull(page.nextCursor());
        return page.reviews();
    }

    private static StoredReview stored(String loc, String reviewId) {
        return readAll(loc).stream().filter(review -> review.reviewId().equals(reviewId)).findFirst().orElseThrow();
    }

    private static List<String> ids(List<StoredReview> reviews) {
        return reviews.stream().map(StoredReview::reviewId).toList();
    }

    private static List<String> deletedIds(WalkEnd end) {
        return end.deleted().stream().map(Deleted::reviewId).toList();
    }

    private static Row row(String loc, String reviewId) {
        Row row = pool.preparedQuery("SELECT * FROM review_store.reviews WHERE location_id = $1 AND review_id = $2")
                .execute(Tuple.of(loc, reviewId)).await().indefinitely().iterator().next();
        assertNotNull(row);
        return row;
    }

    private static Row locationRow(String loc) {
        return pool.preparedQuery("SELECT * FROM review_store.locations WHERE location_id = $1")
                .execute(Tuple.of(loc)).await().indefinitely().iterator().next();
    }

    /** Every row of a location, tombstones included. */
    private static List<String> storedIds(String loc) {
        List<String> ids = new ArrayList<>();
        pool.preparedQuery("SELECT review_id FROM review_store.reviews WHERE location_id = $1 ORDER BY review_id")
                .execute(Tuple.of(loc)).await().indefinitely().forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    private static long count(String sql, String loc) {
        return pool.preparedQuery(sql).execute(Tuple.of(loc)).await().indefinitely().iterator().next().getLong(0);
    }
}
