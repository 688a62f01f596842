package io.reviewfetcher.ingress.submission;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.reviewfetcher.ingress.support.StubTokenService;
import io.reviewfetcher.ingress.support.StubbedTokenServiceProfile;
import io.reviewfetcher.ingress.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bound on submissions in flight: with two access-token submissions held at token-service (so not yet
 * on the broker), a third submission is answered 429 with Retry-After at once, not queued; once they finish,
 * their places are free again. Deterministic: the test decides when token-service answers.
 */
@QuarkusTest
@TestProfile(StubbedTokenServiceProfile.class)
class BufferFullTest {

    private final StubTokenService tokenService = StubTokenService.get();

    @Inject
    InFlightSubmissions inFlight;

    @AfterEach
    void reset() {
        tokenService.reset();
    }

    private static Response submitToken(String token) {
        return given().contentType("application/json").header("Authorization", "Bearer " + token).body("{}").post("/api/v1/review-fetch");
    }

    @Test
    void pastTheBoundASubmissionIsRefusedWith429AndRetryAfterUntilPlacesFreeUp() throws Exception {
        tokenService.hold();
        List<CompletableFuture<Response>> held = List.of(
                CompletableFuture.supplyAsync(() -> submitToken("ya29.held-one")),
                CompletableFuture.supplyAsync(() -> submitToken("ya29.held-two")));
        assertTrue(tokenService.awaitArrivals(StubbedTokenServiceProfile.MAX_IN_FLIGHT, 30), "both submissions reached token-service");
        assertEquals(2, inFlight.inFlight());
        given().get("/q/metrics").then().body(containsString("ingress_submissions_in_flight 2.0"));

        // Full: refused at once, whatever the credential, and never sent on.
        given().contentType("application/json").header("X-API-Key", TestEnvironment.API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch")
                .then().statusCode(429).contentType(startsWith("application/problem+json"))
                .header("Retry-After", "2").body("status", is(429)).body("type", containsString("buffer-full"));
        submitToken("ya29.third").then().statusCode(429).header("Retry-After", "2");
        assertEquals(2, tokenService.bodies().size(), "the refused token never reached token-service");
        given().get("/q/metrics").then().body(containsString("ingress_submissions_rejected_total{reason=\"buffer_full\"}"));

        tokenService.release();
        for (CompletableFuture<Response> submission : held) {
            submission.get(30, TimeUnit.SECONDS).then().statusCode(202).body("status", is("queued"));
        }
        assertEquals(0, inFlight.inFlight());
        given().contentType("application/json").header("X-API-Key", TestEnvironment.API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(202);
    }

    @Test
    void aRefusedOrFailedSubmissionGivesItsPlaceBack() {
        tokenService.answer(401, "{\"type\":\"https://review-fetcher.io/problems/invalid-access-token\",\"status\":401}");
        for (int i = 0; i < StubbedTokenServiceProfile.MAX_IN_FLIGHT + 3; i++) {
            submitToken("ya29.rejected-" + i).then().statusCode(401);
        }
        assertEquals(0, inFlight.inFlight());
        given().contentType("application/json").header("X-API-Key", TestEnvironment.API_KEY).body("{\"client_id\":\"acme\"}")
                .post("/api/v1/review-fetch").then().statusCode(202);
    }
}
