package io.reviewfetcher.reviews;

import io.reviewfetcher.events.ReviewChange;
import io.reviewfetcher.store.ReviewStore;
import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The review store's rules in memory, for the stage's unit tests (PgReviewStore's own tests hold it to them against
 * PostgreSQL): the first write of a job decides a review's change; a walk's end counts what the job met and, when that
 * reaches Google's count, tombstones the rest.
 */
final class InMemoryReviewStore implements ReviewStore {
    private static final class Row {
        Instant updateTime;
        String lastJob;
        ReviewChange change;
        Instant fetchedAt;
        String deletedJob;
        Instant deletedAt;
    }

    /** location → review id → row */
    final Map<String, Map<String, Row>> rows = new HashMap<>();
    final Map<String, Instant> watermarks = new HashMap<>();
    final List<String> walkEnds = new ArrayList<>();

    @Override
    public Uni<Map<String, ReviewChange>> record(String jobId, String accountId, String locationId, List<Incoming> reviews,
                                                 Instant fetchedAt, Instant expiresAt) {
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
            row.fetchedAt = fetchedAt;
            row.deletedJob = null;
            row.deletedAt = null;
            changes.put(review.reviewId(), row.change);
        }
        return Uni.createFrom().item(changes);
    }

    @Override
    public Uni<WalkEnd> endWalk(String jobId, String accountId, String locationId, int expected, Instant walkStartedAt,
                                Instant now) {
        walkEnds.add(locationId + " expecting " + expected);
        Map<String, Row> location = rows.getOrDefault(locationId, Map.of());
        int met = (int) location.values().stream().filter(row -> jobId.equals(row.lastJob) && row.deletedAt == null).count();
        if (met < expected) {
            return Uni.createFrom().item(new WalkEnd(met, false, List.of()));
        }
        List<Deleted> deleted = new ArrayList<>();
        location.forEach((id, row) -> {
            if (!jobId.equals(row.lastJob) && row.fetchedAt.isBefore(walkStartedAt)
                    && (row.deletedAt == null || jobId.equals(row.deletedJob))) {
                row.deletedJob = jobId;
                row.deletedAt = row.deletedAt == null ? now : row.deletedAt;
                deleted.add(new Deleted(id, row.fetchedAt, row.deletedAt));
            }
        });
        location.values().stream().filter(row -> jobId.equals(row.lastJob)).map(row -> row.updateTime)
                .max(Instant::compareTo).ifPresent(newest -> watermarks.put(locationId, newest));
        return Uni.createFrom().item(new WalkEnd(met, true, deleted));
    }

    @Override
    public Uni<Instant> now() {
        return Uni.createFrom().item(Instant.now());
    }

    @Override
    public Uni<java.util.Set<String>> unverified(Collection<String> locationIds) {
        return Uni.createFrom().item(unverified.stream().filter(locationIds::contains).collect(java.util.stream.Collectors.toSet()));
    }

    @Override
    public Uni<Void> markUnverified(String accountId, String locationId, Instant now) {
        unverified.add(locationId);
        return Uni.createFrom().voidItem();
    }

    /** Locations marked unverified. */
    final java.util.Set<String> unverified = new java.util.HashSet<>();

    @Override
    public Uni<Map<String, Instant>> watermarks(Collection<String> locationIds) {
        Map<String, Instant> known = new HashMap<>();
        locationIds.stream().filter(watermarks::containsKey).forEach(id -> known.put(id, watermarks.get(id)));
        return Uni.createFrom().item(known);
    }

    @Override
    public Uni<Void> advanceWatermark(String accountId, String locationId, Instant newest, Instant now) {
        watermarks.merge(locationId, newest, (a, b) -> a.isAfter(b) ? a : b);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor) {
        throw new UnsupportedOperationException("not the stage's");
    }

    @Override
    public Uni<Integer> prune(Instant now, int batch) {
        throw new UnsupportedOperationException("not the stage's");
    }
}
