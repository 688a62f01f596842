package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.LocationReviews;
import io.reviewfetcher.emulator.data.Review;
import io.reviewfetcher.emulator.data.ReviewOrder;
import io.reviewfetcher.emulator.google.model.BatchGetReviewsResponse;
import io.reviewfetcher.emulator.google.model.ReviewJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * batchGetReviews pages: the reviews of all requested locations merged into one order. A merged
 * view is built once per (locations, order, filter) and data version, then its pages are cached.
 */
@ApplicationScoped
public class BatchReviewPages {

    private static final int MAX_VIEWS = 1_000;

    /** The locations of one request, already checked, and how to order and filter them. */
    public record Query(String accountId, List<LocationAccess.Reached> locations, ReviewOrder order,
                        boolean ignoreRatingOnly) {

        String key() {
            StringBuilder key = new StringBuilder("batchGetReviews|").append(accountId).append('|');
            locations.forEach(l -> key.append(l.location().id()).append(','));
            return key.append('|').append(order).append('|').append(ignoreRatingOnly).toString();
        }
    }

    private record Entry(String locationName, Review review) {
    }

    private record PageKey(int size, int offset) {
    }

    private static final class View {
        final long[] versions;
        final long version;
        final Entry[] entries;
        final ConcurrentHashMap<PageKey, byte[]> pages = new ConcurrentHashMap<>();

        View(long[] versions, Entry[] entries) {
            this.versions = versions;
            this.entries = entries;
            this.version = Arrays.hashCode(versions) & 0xFFFFFFFFL | ((long) versions.length << 32);
        }
    }

    private final DataSet data;
    private final PageTokens pageTokens;
    private final GoogleJson json;
    private final ConcurrentHashMap<String, View> views = new ConcurrentHashMap<>();

    public BatchReviewPages(DataSet data, PageTokens pageTokens, GoogleJson json) {
        this.data = data;
        this.pageTokens = pageTokens;
        this.json = json;
    }

    /** Offset named by a page token of this query; empty when the token is not one of this query's. */
    public java.util.Optional<Integer> offset(Query query, String token) {
        return pageTokens.decode(query.key(), token).map(PageTokens.Cursor::offset);
    }

    public byte[] page(Query query, int size, int offset) {
        View view = view(query);
        return view.pages.computeIfAbsent(new PageKey(size, offset), k -> render(query, view, size, offset));
    }

    private View view(Query query) {
        LocationReviews[] snapshots = query.locations().stream()
                .map(l -> data.reviews(l.location().id())).toArray(LocationReviews[]::new);
        long[] versions = Arrays.stream(snapshots).mapToLong(LocationReviews::version).toArray();
        String key = query.key();
        View view = views.get(key);
        if (view != null && Arrays.equals(view.versions, versions)) {
            return view;
        }
        List<Entry> merged = new ArrayList<>();
        for (int i = 0; i < snapshots.length; i++) {
            String name = query.locations().get(i).v4Name();
            for (Review review : snapshots[i].ordered(query.order())) {
                if (!query.ignoreRatingOnly() || review.comment() != null) {
                    merged.add(new Entry(name, review));
                }
            }
        }
        Comparator<Entry> byReview = Comparator.comparing(Entry::review, query.order().comparator);
        merged.sort(byReview.thenComparing(Entry::locationName));
        View fresh = new View(versions, merged.toArray(new Entry[0]));
        if (views.size() >= MAX_VIEWS) {
            views.clear();
        }
        views.put(key, fresh);
        return fresh;
    }

    private byte[] render(Query query, View view, int size, int offset) {
        int end = Math.min(view.entries.length, offset + size);
        List<BatchGetReviewsResponse.LocationReview> page = new ArrayList<>();
        for (int i = offset; i < end; i++) {
            Entry entry = view.entries[i];
            page.add(new BatchGetReviewsResponse.LocationReview(entry.locationName(),
                    ReviewJson.of(entry.locationName(), entry.review())));
        }
        String next = end < view.entries.length ? pageTokens.encode(query.key(), view.version, end) : null;
        return json.write(new BatchGetReviewsResponse(page, next));
    }
}
