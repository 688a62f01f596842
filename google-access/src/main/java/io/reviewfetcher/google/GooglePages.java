package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks a Google list method page by page until {@code nextPageToken} is absent (proto3 omits it on the last page). */
public final class GooglePages {
    private GooglePages() {
    }

    /**
     * @param page      fetches the page for a token (null for the first), e.g. one permitted Google call
     * @param items     the items of a page
     * @param nextToken the page's {@code nextPageToken}
     */
    public static <P, T> Uni<List<T>> collect(Function<String, Uni<P>> page, Function<P, List<T>> items,
                                              Function<P, String> nextToken) {
        return from(null, page, items, nextToken, new ArrayList<>());
    }

    private static <P, T> Uni<List<T>> from(String token, Function<String, Uni<P>> page, Function<P, List<T>> items,
                                            Function<P, String> nextToken, List<T> found) {
        return page.apply(token).chain(current -> {
            found.addAll(items.apply(current));
            String next = nextToken.apply(current);
            return next == null || next.isEmpty() ? Uni.createFrom().item(found) : from(next, page, items, nextToken, found);
        });
    }
}
