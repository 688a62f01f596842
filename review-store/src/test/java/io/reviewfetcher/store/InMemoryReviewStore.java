package io.reviewfetcher.store;

import io.reviewfetcher.events.ReviewChange;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The review store's rules in memory, for the tests of its users (this module's PgReviewStoreTest holds PgReviewStore to
 * the same rules against PostgreSQL): the first write of a job decides what a review is to it; a walk's end counts
 * what the job met and, once that reaches Google's count, tombstones what nobody met since the walk started. Every
 * call a test may want to check is kept in order. The read API and the pruning are not modelled.
 */
public class InMemoryReviewStore implements ReviewStore {
    private static final class Row {
        Instant updateTime;
        String lastJob;
        ReviewChange change;
        Instant metAt;
        Instant fetchedAt;
        String deletedJob;
        Instant deletedAt;
    }

    /** location → review id → row */
    private final Map<String, Map<String, Row>> rows = new HashMap<>();
    public final Map<String, Instant> watermarks = new HashMap<>();
    public final Set<String> unverified = new HashSet<>();
    /** Every record call, as {@code location:review,review}. */
    public final List<String> recorded = new ArrayList<>();
    /** Every walk's end, as {@code location expecting n}. */
    public final List<String> walkEnds = new ArrayList<>();
    /** Every advanceWatermark call, as {@code location=newest}. */
    public final List<String> advanced = new ArrayList<>();
    /** The locations of every watermarks query. */
    public final List<List<String>> watermarkQueries = new ArrayList<>();
    /** What the store knows of each location: its latest listing (title and Maps link possibly null). */
    public final Map<String, Listing> listings = new HashMap<>();
    /** Every describe call, as {@code location,location}. */
    public final List<String> described = new ArrayList<>();

    /** A review held before the test, as some earlier job left it. */
    public InMemoryReviewStore holding(String locationId, String reviewId, Instant updateTime) {
        return holding(locationId, reviewId, updateTime, Instant.EPOCH);
    }

    /** A review held before the test, fetched at {@code fetchedAt} by a job called "earlier". */
    public InMemoryReviewStore holding(String locationId, String reviewId, Instant updateTime, Instant fetchedAt) {
        Row row = new Row();
        row.updateTime = updateTime;
        row.lastJob = "earlier";
        row.change = ReviewChange.NEW;
        row.metAt = Instant.EPOCH;
        row.fetchedAt = fetchedAt;
        rows.computeIfAbsent(locationId, id -> new LinkedHashMap<>()).put(reviewId, row);
        return this;
    }

    /** A location some run described before the test. */
    public InMemoryReviewStore describing(String locationId, String title, String mapsUri) {
        listings.put(locationId, new Listing(locationId, title, mapsUri));
        return this;
    }

    public InMemoryReviewStore watermark(String locationId, Instant watermark) {
        watermarks.put(locationId, watermark);
        return this;
    }

    @Override
    public Uni<Instant> now() {
        return Uni.createFrom().item(Instant.now());
    }

    @Override
    public synchronized Uni<Map<String, ReviewChange>> record(String jobId, String accountId, String locationId,
                                                              List<Incoming> reviews, Instant fetchedAt, Instant expiresAt) {
        recorded.add(locationId + ":" + String.join(",", reviews.stream().map(Incoming::reviewId).toList()));
        Map<String, ReviewChange> changes = new LinkedHashMap<>();
        Map<String, Row> location = rows.computeIfAbsent(locationId, id -> new LinkedHashMap<>());
        for (Incoming review : reviews) {
            Row row = location.get(review.reviewId());
            if (row == null) {
                row = new Row();
                row.change = ReviewChange.NEW;
                row.updateTime = review.updateTime();
                location.put(review.reviewId(), row);
            } else if (!jobId.equals(row.lastJob)) {
                row.change = row.deletedAt != null ? ReviewChange.NEW
                        : review.updateTime().isAfter(row.updateTime) ? ReviewChange.UPDATED : ReviewChange.UNCHANGED;
            }
            if (review.updateTime().isAfter(row.updateTime)) {
                row.updateTime = review.updateTime();
            }
            row.lastJob = jobId;
            row.metAt = Instant.now();
            row.fetchedAt = fetchedAt;
            row.deletedJob = null;
            row.deletedAt = null;
            changes.put(review.reviewId(), row.change);
        }
        return Uni.createFrom().item(changes);
    }

    @Override
    public synchronized Uni<WalkEnd> endWalk(String jobId, String accountId, String locationId, int expected,
                                             Instant walkStartedAt, Instant now) {
        walkEnds.add(locationId + " expecting " + expected);
        Map<String, Row> location = rows.getOrDefault(locationId, Map.of());
        int met = (int) location.values().stream()
                .filter(row -> (jobId.equals(row.lastJob) || !row.metAt.isBefore(walkStartedAt)) && row.deletedAt == null)
                .count();
        if (met < expected) {
            return Uni.createFrom().item(new WalkEnd(met, false, List.of()));
        }
        List<Deleted> deleted = new ArrayList<>();
        location.forEach((id, row) -> {
            if (!jobId.equals(row.lastJob) && row.metAt.isBefore(walkStartedAt)
                    && (row.deletedAt == null || jobId.equals(row.deletedJob))) {
                row.deletedJob = jobId;
                row.deletedAt = row.deletedAt == null ? now : row.deletedAt;
                deleted.add(new Deleted(id, row.fetchedAt, row.deletedAt));
            }
        });
        watermarks.put(locationId, location.values().stream().filter(row -> jobId.equals(row.lastJob))
                .map(row -> row.updateTime).max(Instant::compareTo).orElse(walkStartedAt));
        unverified.remove(locationId);
        return Uni.createFrom().item(new WalkEnd(met, true, deleted));
    }

    @Override
    public synchronized Uni<Optional<LastFetch>> lastFetch(String locationId, String reviewId) {
        Row row = rows.getOrDefault(locationId, Map.of()).get(reviewId);
        return Uni.createFrom().item(row == null ? Optional.empty() : Optional.of(new LastFetch(row.fetchedAt, row.lastJob)));
    }

    @Override
    public synchronized Uni<Void> describe(String accountId, List<Listing> locations, Instant now) {
        described.add(String.join(",", locations.stream().map(Listing::locationId).toList()));
        locations.forEach(listing -> listings.put(listing.locationId(), listing));
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Optional<Listing>> listing(String locationId) {
        Listing listing = listings.get(locationId);
        if (listing == null && (watermarks.containsKey(locationId) || unverified.contains(locationId))) {
            listing = new Listing(locationId, null, null); // reached by a run before titles were kept
        }
        return Uni.createFrom().item(Optional.ofNullable(listing));
    }

    @Override
    public synchronized Uni<Map<String, Instant>> watermarks(Collection<String> locationIds) {
        watermarkQueries.add(List.copyOf(locationIds));
        Map<String, Instant> known = new HashMap<>();
        locationIds.stream().filter(watermarks::containsKey).forEach(id -> known.put(id, watermarks.get(id)));
        return Uni.createFrom().item(known);
    }

    @Override
    public synchronized Uni<Set<String>> unverified(Collection<String> locationIds) {
        Set<String> marked = new HashSet<>(locationIds);
        marked.retainAll(unverified);
        return Uni.createFrom().item(marked);
    }

    @Override
    public synchronized Uni<Void> markUnverified(String accountId, String locationId, Instant now) {
        unverified.add(locationId);
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<Void> advanceWatermark(String accountId, String locationId, Instant newest, Instant now) {
        advanced.add(locationId + "=" + newest);
        watermarks.merge(locationId, newest, (a, b) -> a.isAfter(b) ? a : b);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor) {
        throw new UnsupportedOperationException("the read API is not modelled");
    }

    @Override
    public Uni<Integer> prune(Instant now, int batch) {
        throw new UnsupportedOperationException("the pruning is not modelled");
    }
}
