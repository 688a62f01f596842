package io.reviewfetcher.google;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GooglePagesTest {
    record Page(List<String> items, String nextPageToken) {
    }

    @Test
    void followsNextPageTokensUntilGoogleOmitsIt() {
        Map<String, Page> google = Map.of(
                "", new Page(List.of("a", "b"), "t1"),
                "t1", new Page(List.of("c"), "t2"),
                "t2", new Page(List.of(), "t3"),   // an empty page in the middle is not the end
                "t3", new Page(List.of("d"), null));
        List<String> asked = new ArrayList<>();

        List<String> all = GooglePages.collect(token -> {
            asked.add(String.valueOf(token));
            return Uni.createFrom().item(google.get(token == null ? "" : token));
        }, Page::items, Page::nextPageToken).await().indefinitely();

        assertEquals(List.of("a", "b", "c", "d"), all);
        assertEquals(List.of("null", "t1", "t2", "t3"), asked, "one call per page, the first without a token");
    }

    @Test
    void anEmptyTokenEndsTheWalkToo() {
        List<String> all = GooglePages.collect(token -> Uni.createFrom().item(new Page(List.of("only"), "")),
                Page::items, Page::nextPageToken).await().indefinitely();
        assertEquals(List.of("only"), all);
    }
}
