package io.reviewfetcher.emulator.google;

import static io.reviewfetcher.emulator.EmulatorApi.batch;
import static io.reviewfetcher.emulator.EmulatorApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.emulator.EmulatorApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pipeline that walks every page of everything must end up with exactly the truth. */
@QuarkusTest
class TruthWalkTest {

    private String token;

    @BeforeEach
    void setUp() {
        EmulatorApi.reset();
        token = EmulatorApi.mintToken();
    }

    @Test
    void walkingAccountsLocationsAndReviewsPageByPageGivesExactlyTheTruth() {
        Map<String, Set<String>> walked = new HashMap<>();
        Map<String, Set<String>> locationAccounts = new HashMap<>();
        for (String account : pages("/v1/accounts", "accounts", Map.of("pageSize", 2)).stream()
                .map(a -> (String) a.get("name")).toList()) {
            for (Map<String, Object> location : pages("/v1/" + account + "/locations", "locations",
                    Map.of("readMask", "name", "pageSize", 3))) {
                String locationId = ((String) location.get("name")).substring("locations/".length());
                locationAccounts.computeIfAbsent(locationId, k -> new HashSet<>()).add(account);
                String parent = account + "/locations/" + locationId;
                Response probe = get(token, "/v4/" + parent + "/reviews", "pageSize", 1);
                if (probe.statusCode() == 400) {
                    continue; // unverified: Google shows no reviews
                }
                List<String> ids = pages("/v4/" + parent + "/reviews", "reviews", Map.of("pageSize", 7)).stream()
                        .map(r -> (String) r.get("reviewId")).toList();
                assertEquals(ids.size(), new HashSet<>(ids).size(), "no review twice across pages of " + parent);
                Set<String> previous = walked.put(locationId, new HashSet<>(ids));
                if (previous != null) {
                    assertEquals(previous, new HashSet<>(ids), "a shared location shows the same reviews via each account");
                }
            }
        }

        List<Map<String, Object>> truth = EmulatorApi.truthLocations();
        for (Map<String, Object> location : truth) {
            String id = ((String) location.get("name")).substring("locations/".length());
            assertEquals(Set.copyOf((List<?>) location.get("accounts")), locationAccounts.get(id), "accounts listing " + id);
            Set<String> expected = ((List<?>) location.get("reviews")).stream()
                    .map(r -> (String) ((Map<?, ?>) r).get("reviewId")).collect(Collectors.toSet());
            if ((Boolean) location.get("verified")) {
                assertEquals(expected, walked.get(id), "reviews of " + id);
            } else {
                assertTrue(expected.isEmpty() && !walked.containsKey(id));
            }
        }
        assertTrue(locationAccounts.values().stream().anyMatch(accounts -> accounts.size() == 2), "shared locations exist");
        long total = walked.values().stream().mapToLong(Set::size).sum();
        assertEquals(((Number) ((Map<?, ?>) EmulatorApi.truth().get("totals")).get("fetchableReviews")).longValue(), total);
    }

    @Test
    @SuppressWarnings("unchecked")
    void batchGetReviewsPagesCoverEveryReviewOfTheRequestedLocationsOnce() {
        Map<String, Object> account = EmulatorApi.truthAccounts().get(1);
        String accountName = (String) account.get("name");
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (Map<String, Object> location : EmulatorApi.truthLocations()) {
            if ((Boolean) location.get("verified") && ((List<?>) location.get("accounts")).contains(accountName)) {
                expected.put(accountName + "/" + location.get("name"), ((List<?>) location.get("reviews")).stream()
                        .map(r -> (String) ((Map<?, ?>) r).get("reviewId")).collect(Collectors.toSet()));
            }
        }
        String names = expected.keySet().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
        Map<String, Set<String>> walked = new LinkedHashMap<>();
        String pageToken = null;
        int items = 0;
        do {
            String body = "{\"locationNames\": [" + names + "], \"pageSize\": 13"
                    + (pageToken == null ? "" : ", \"pageToken\": \"" + pageToken + "\"") + "}";
            Response page = batch(token, accountName, body);
            page.then().statusCode(200);
            Map<String, Object> json = EmulatorApi.json(page);
            for (Map<String, Object> item : (List<Map<String, Object>>) json.get("locationReviews")) {
                walked.computeIfAbsent((String) item.get("name"), k -> new HashSet<>())
                        .add((String) ((Map<?, ?>) item.get("review")).get("reviewId"));
                items++;
            }
            pageToken = (String) json.get("nextPageToken");
        } while (pageToken != null);

        expected.values().removeIf(Set::isEmpty);
        assertEquals(expected, walked);
        assertEquals(expected.values().stream().mapToInt(Set::size).sum(), items, "no review twice");
    }

    @Test
    void pageTokensAreStableWhileTheDataIsUnchanged() {
        Map<String, Object> location = EmulatorApi.truthLocations().stream()
                .filter(l -> ((Number) l.get("totalReviewCount")).intValue() > 20).findFirst().orElseThrow();
        String path = "/v4/" + location.get("v4Name") + "/reviews";
        Response first = get(token, path, "pageSize", 10);
        Response again = get(token, path, "pageSize", 10);
        String next = first.jsonPath().getString("nextPageToken");
        assertEquals(next, again.jsonPath().getString("nextPageToken"), "same query, same token");

        String secondPage = get(token, path, "pageSize", 10, "pageToken", next).asString();
        get(token, "/v1/accounts");
        assertEquals(secondPage, get(token, path, "pageSize", 10, "pageToken", next).asString(), "replaying a token");
        assertEquals(secondPage, get(EmulatorApi.mintToken(), path, "pageSize", 10, "pageToken", next).asString(),
                "tokens do not depend on the caller's access token");
    }

    /** Every item of every page of a list method. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> pages(String path, String itemsField, Map<String, Object> query) {
        List<Map<String, Object>> all = new ArrayList<>();
        String pageToken = null;
        do {
            List<Object> args = new ArrayList<>();
            query.forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
            if (pageToken != null) {
                args.add("pageToken");
                args.add(pageToken);
            }
            Response page = get(token, path, args.toArray());
            page.then().statusCode(200);
            Map<String, Object> json = EmulatorApi.json(page);
            List<Map<String, Object>> items = (List<Map<String, Object>>) json.get(itemsField);
            if (items != null) {
                all.addAll(items);
            }
            pageToken = (String) json.get("nextPageToken");
        } while (pageToken != null);
        return all;
    }
}
