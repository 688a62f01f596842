package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reviewfetcher.ingress.admission.CallerKeys;
import io.reviewfetcher.store.InMemoryReviewStore;
import io.reviewfetcher.store.ReviewStore;
import io.reviewfetcher.support.problem.Problem;
import io.reviewfetcher.support.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/reviews}: the caller key, each parameter's checks (a 400 naming the field, never its value), what
 * reaches the store, the answer's JSON (the Google review embedded as JSON) and the store's failures (a bad cursor
 * 400, anything else 503 without its details). Plain unit test: the resource called directly over a fake store.
 */
class ReviewsResourceTest {

    private static final String KEY = "caller-key-0123456789abcdef";
    /** A key valid for one client only: reviews are kept by location, not by client, so it reads them as any key does. */
    private static final String SCOPED_KEY = "acme-only-key-0123456789ab";
    private static final Instant T = Instant.parse("2026-11-20T10:15:30Z");

    private final FakeStore store = new FakeStore();
    private final ReviewsResource resource = new ReviewsResource(store, new CallerKeys(List.of(KEY + "=*", SCOPED_KEY + "=acme")));
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ReviewsPage read(String key, String locationId, String updatedSince, String limit, String cursor) {
        return (ReviewsPage) resource.list(key, locationId, updatedSince, limit, cursor).await().atMost(Duration.ofSeconds(5)).getEntity();
    }

    private Problem refused(String key, String locationId, String updatedSince, String limit, String cursor) {
        return assertThrows(ProblemException.class, () -> read(key, locationId, updatedSince, limit, cursor)).problem();
    }

    private static void assertNamesOnly(Problem problem, String field, String rejected) {
        assertEquals(400, problem.status());
        assertEquals(field, problem.errors().get(0).field());
        assertFalse(problem.detail().contains(rejected), "the detail must not repeat the value: " + problem.detail());
        assertFalse(problem.errors().get(0).message().contains(rejected));
    }

    @Test
    void withoutTheCallerKeyNothingIsRead() {
        assertEquals(401, refused(null, "L1", null, null, null).status());
        assertEquals(401, refused("not-the-key-0123456789", "L1", null, null, null).status());
        assertEquals(0, store.calls);
    }

    @Test
    void aKeyValidForSomeClientsOnlyReadsAnyLocation() {
        read(SCOPED_KEY, "L1", null, null, null);
        assertEquals(new FakeStore.Call("L1", null, 100, null), store.last);
    }

    @Test
    void theKeyIsCheckedBeforeTheParameters() {
        assertEquals(401, refused(null, "", null, "0", null).status());
    }

    @Test
    void defaultsAreTheFirstHundredOfEverything() {
        read(KEY, "L1", null, null, null);
        assertEquals(new FakeStore.Call("L1", null, 100, null), store.last);
    }

    @Test
    void parametersReachTheStoreAsGiven() {
        read(KEY, "a-Z_09", "2026-11-20T12:15:30+02:00", "500", "opaque-cursor");
        assertEquals(new FakeStore.Call("a-Z_09", T, 500, "opaque-cursor"), store.last);
    }

    @Test
    void emptyOptionalParametersCountAsAbsent() {
        read(KEY, "L1", "", "", "");
        assertEquals(new FakeStore.Call("L1", null, 100, null), store.last);
    }

    @Test
    void aLocationIdOfSixtyFourCharactersIsTaken() {
        read(KEY, "L".repeat(64), null, null, null);
        assertEquals("L".repeat(64), store.last.locationId());
    }

    @Test
    void aMissingLocationIdIsNamed() {
        assertNamesOnly(refused(KEY, null, null, null, null), "location_id", "null");
        assertNamesOnly(refused(KEY, "", null, null, null), "location_id", "\"\"");
        assertEquals(0, store.calls);
    }

    @ParameterizedTest
    @ValueSource(strings = {"locations/123", "L 1", "L1;drop", "ä1", "ya29.secret-token"})
    void aLocationIdOfOtherCharactersIsRefusedWithoutRepeatingIt(String locationId) {
        assertNamesOnly(refused(KEY, locationId, null, null, null), "location_id", locationId);
    }

    @Test
    void aLocationIdLongerThanSixtyFourIsRefused() {
        String tooLong = "L".repeat(65);
        assertNamesOnly(refused(KEY, tooLong, null, null, null), "location_id", tooLong);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-20", "2026-11-20T10:15:30", "1764000000", "+10000-01-01T00:00:00Z"})
    void anUpdatedSinceThatIsNotAnInstantIsRefused(String updatedSince) {
        assertNamesOnly(refused(KEY, "L1", updatedSince, null, null), "updated_since", updatedSince);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "-1", "ten", "1.5", "99999999999"})
    void aLimitOutsideOneToFiveHundredIsRefused(String limit) {
        Problem problem = refused(KEY, "L1", null, limit, null);
        assertEquals(400, problem.status());
        assertEquals("limit", problem.errors().get(0).field());
        assertEquals(0, store.calls);
    }

    @Test
    void aLimitIsNotRepeatedEither() {
        assertNamesOnly(refused(KEY, "L1", null, "77777777777", null), "limit", "77777777777");
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        Problem problem = refused(KEY, "no/such", "soon", "0", null);
        assertEquals(List.of("location_id", "updated_since", "limit"), problem.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void aCursorTheStoreDidNotWriteIs400() {
        store.answer = () -> Uni.createFrom().failure(new IllegalArgumentException("bad cursor c2VjcmV0"));
        assertNamesOnly(refused(KEY, "L1", null, null, "c2VjcmV0"), "cursor", "c2VjcmV0");
    }

    @Test
    void aCursorRefusedBeforeTheStoreAnswersIs400Too() {
        store.answer = () -> {
            throw new IllegalArgumentException("bad cursor");
        };
        assertEquals("cursor", refused(KEY, "L1", null, null, "x").errors().get(0).field());
    }

    @Test
    void aStoreThatFailsIs503WithoutItsDetails() {
        store.answer = () -> Uni.createFrom().failure(new IllegalStateException("connection to 10.0.0.7:5432 refused for user rf"));
        Problem problem = refused(KEY, "L1", null, null, null);
        assertEquals(503, problem.status());
        assertFalse(problem.detail().contains("10.0.0.7"), problem.detail());
    }

    @Test
    void aStoreThatThrowsIs503Too() {
        store.answer = () -> {
            throw new IllegalStateException("pool closed");
        };
        assertEquals(503, refused(KEY, "L1", null, null, null).status());
    }

    @Test
    void eachReviewIsAnsweredWithOurFieldsAndGooglesJsonEmbedded() throws Exception {
        String google = "{\"name\":\"accounts/1/locations/L1/reviews/R1\",\"reviewId\":\"R1\",\"starRating\":\"FOUR\","
                + "\"reviewer\":{\"displayName\":\"Ann\"},\"comment\":\"Fine \\\"place\\\"\"}";
        store.answer = () -> Uni.createFrom().item(new ReviewStore.ReviewPage(List.of(new ReviewStore.StoredReview("L1", "R1", "1", 4,
                T.minusSeconds(86_400), T, T.plusSeconds(60), T.plusSeconds(60).plus(Duration.ofDays(30)), "job-7", google)), "next-page"));

        // As the body is written: a tree of the record would keep Google's JSON as a raw value, not as the object sent.
        JsonNode answer = json.readTree(json.writeValueAsString(read(KEY, "L1", null, null, null)));

        assertEquals("next-page", answer.path("next_cursor").asText(), answer.toString());
        JsonNode review = answer.path("reviews").get(0);
        assertEquals("L1", review.path("location_id").asText());
        assertEquals("R1", review.path("review_id").asText());
        assertEquals("1", review.path("account_id").asText());
        assertEquals(4, review.path("star_rating").asInt());
        assertEquals("2026-11-19T10:15:30Z", review.path("create_time").asText());
        assertEquals("2026-11-20T10:15:30Z", review.path("update_time").asText());
        assertEquals("2026-11-20T10:16:30Z", review.path("fetched_at").asText());
        assertEquals("2026-12-20T10:16:30Z", review.path("expires_at").asText());
        assertEquals("job-7", review.path("last_job_id").asText());
        assertTrue(review.path("google").isObject(), "Google's review is JSON, not a string: " + review);
        assertEquals("Ann", review.path("google").path("reviewer").path("displayName").asText());
        assertEquals("Fine \"place\"", review.path("google").path("comment").asText());
        assertEquals(10, review.size(), "exactly the documented fields: " + review);
    }

    @Test
    void theLastPageHasANullCursor() throws Exception {
        store.answer = () -> Uni.createFrom().item(new ReviewStore.ReviewPage(List.of(), null));

        String answer = json.writeValueAsString(read(KEY, "L1", null, null, null));

        assertEquals("{\"reviews\":[],\"next_cursor\":null}", answer);
    }

    /** Answers {@link #answer} to every read and remembers what it was asked; the writes are not the read API's. */
    private static final class FakeStore extends InMemoryReviewStore {
        record Call(String locationId, Instant updatedSince, int limit, String cursor) {
        }

        Supplier<Uni<ReviewPage>> answer = () -> Uni.createFrom().item(new ReviewPage(List.of(), null));
        Call last;
        int calls;

        @Override
        public Uni<ReviewPage> read(String locationId, Instant updatedSince, int limit, String cursor) {
            calls++;
            last = new Call(locationId, updatedSince, limit, cursor);
            return answer.get();
        }
    }
}
