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

/** The review store's rules for what the batch walk uses (record, watermarks, advanceWatermark), in memory. */
final class InMemoryBatchStore implements ReviewStore {
    /** Per location, per review: the update_time of the version held. */
    final Map<String, Map<String, Instant>> rows = new HashMap<>();
    /** What each review was to the job that met it: "job|review" → change. */
    final Map<String, ReviewChange> changes = new HashMap<>();
    final Map<String, Instant> watermarks = new HashMap<>();
    /** Every advanceWatermark call, as "location=newest", in order. */
    final List<String> advanced = new ArrayList<>();
    /** Every record call, as "location:review,review", in order. */
    final List<String> recorded = new ArrayList<>();
    final List<Collection<String>> watermarkQueries = new ArrayList<>();

    InMemoryBatchStore holding(String locationId, String reviewId, Instant updateTime) {
        rows.computeIfAbsent(locationId, id -> new HashMap<>()).put(reviewId, updateTime);
        return this;
    }

    InMemoryBatchStore watermark(String locationId, Instant watermark) {
        watermarks.put(locationId, watermark);
        return this;
    }

    @Override
    public Uni<Instant> now() {
        return Uni.createFrom().item(Instant.now());
    }

    @Override
    public Uni<Map<String, ReviewChange>> record(String jobId, String accountId, String locationId, List<Incoming> reviews,
                                                 Instant fetchedAt, Instant expiresAt) {
        recorded.add(locationId + ":" + String.join(",", reviews.stream().map(Incoming::reviewId).toList()));
        Map<String, Instant> held = rows.computeIfAbsent(locationId, id -> new HashMap<>());
        Map<String, ReviewChange> answer = new LinkedHashMap<>();
        for (Incoming review : reviews) {
            ReviewChange change = changes.computeIfAbsent(jobId + "|" + review.reviewId(), key -> {
                Instant before = held.get(review.reviewId());
                return before == null ? ReviewChange.NEW
                        : before.isBefore(review.updateTime()) ? ReviewChange.UPDATED : ReviewChange.UNCHANGED;
            });
            held.merge(review.reviewId(), review.updateTime(), (a, b) -> a.isAfter(b) ? a : b);
            answer.put(review.reviewId(), change);
        }
        return Uni.createFrom().item(answer);
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
        watermarkQueries.add(List.copyOf(locationIds));
        Map<String, Instant> known = new HashMap<>();
        locationIds.stream().filter(watermarks::containsKey).forEach(id -> known.put(id, watermarks.get(id)));
        return Uni.createFrom().item(known);
    }

    @Override
    public Uni<Void> advanceWatermark(String accountId, String locationId, Instant newest, Instant now) {
        advanced.add(locationId + "=" + newest);
        watermarks.merge(locationId, newest, (a, b) -> a.isAfter(b) ? a : b);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<WalkEnd> endWalk(String jobId, String accountId, String locationId, int expected, Instant walkStartedAt,
                                Instant now) {
        throw new UnsupportedOperationException("not part of a batch walk");
    }

    @Override
    public Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor) {
        throw new UnsupportedOperationException("not part of a batch walk");
    }

    @Override
    public Uni<Integer> prune(Instant now, int batch) {
        throw new UnsupportedOperationException("not part of a batch walk");
    }
}
