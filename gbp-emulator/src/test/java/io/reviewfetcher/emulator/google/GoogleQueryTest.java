package io.reviewfetcher.emulator.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A query string bound as Google's HTTP transcoding binds it: a field by either name, system parameters beside. */
class GoogleQueryTest {

    private static final Set<String> LOCATIONS_LIST = Set.of("readMask", "pageSize", "pageToken", "filter", "orderBy");

    static GoogleQuery query(String... pairs) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parameters.computeIfAbsent(pairs[i], n -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return GoogleQuery.of(parameters);
    }

    @Test
    void aFieldIsReadByItsJsonOrItsProtoName() {
        assertEquals("5", query("pageSize", "5").get("pageSize"));
        assertEquals("5", query("page_size", "5").get("pageSize"));
        assertEquals("name", query("read_mask", "name").get("readMask"));
        assertEquals("1", query("pageSize", "1", "page_size", "2").get("pageSize"), "the JSON name first");
        assertEquals("1", query("pageSize", "1", "pageSize", "2").get("pageSize"), "the first value");
        assertNull(query().get("pageSize"));
    }

    @Test
    void onlyTheMethodsFieldsAndGooglesSystemParametersAreKnown() {
        assertEquals(Optional.empty(), query("readMask", "name", "pageSize", "100", "pageToken", "t").unknownName(LOCATIONS_LIST),
                "what location-worker sends");
        assertEquals(Optional.empty(), query("read_mask", "name", "order_by", "title", "page_token", "t").unknownName(LOCATIONS_LIST));
        assertEquals(Optional.empty(), query("access_token", "a", "oauth_token", "a", "key", "k", "fields", "locations",
                "prettyPrint", "false", "quotaUser", "u", "alt", "json", "$.xgafv", "2", "callback", "c", "uploadType", "u",
                "upload_protocol", "p").unknownName(LOCATIONS_LIST));
        assertEquals(Optional.of("foo"), query("readMask", "name", "foo", "1").unknownName(LOCATIONS_LIST));
        assertEquals(Optional.of("page_Size"), query("page_Size", "1").unknownName(LOCATIONS_LIST), "names are exact");
        assertEquals(Optional.of("readMask"), query("readMask", "name").unknownName(Set.of("pageSize", "pageToken", "orderBy")),
                "a field of another method");
    }

    @Test
    void theAccessTokenComesFromEitherSystemParameter() {
        assertEquals("a", query("access_token", "a").accessToken());
        assertEquals("o", query("oauth_token", "o").accessToken());
        assertNull(query().accessToken());
    }
}
