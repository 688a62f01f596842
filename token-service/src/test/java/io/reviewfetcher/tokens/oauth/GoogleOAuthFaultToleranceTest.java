package io.reviewfetcher.tokens.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static io.reviewfetcher.tokens.support.Calls.asService;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault-tolerance policies on Google's OAuth endpoints, against a scripted stand-in for Google: passing
 * failures (5xx, no answer in time) are retried a bounded number of times, refusals never; a timeout and an
 * open circuit reach callers as "Google unavailable", the same 503 answer a failed call always gave.
 */
@QuarkusTest
@TestProfile(GoogleOAuthFaultToleranceTest.ScriptedGoogle.class)
class GoogleOAuthFaultToleranceTest {

    static final StubGoogle GOOGLE = new StubGoogle();

    public static class ScriptedGoogle implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A short attempt timeout, so a test of it takes a second, not ten.
            return Map.of("quarkus.fault-tolerance.\"io.reviewfetcher.tokens.oauth.GoogleOAuth\".timeout.value", "300",
                    "quarkus.fault-tolerance.\"io.reviewfetcher.tokens.oauth.GoogleOAuth\".timeout.unit", "millis");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Lifecycle.class));
        }
    }

    public static class Lifecycle implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            GOOGLE.start();
            return Map.of("token-service.google.api-base-url", GOOGLE.baseUrl());
        }

        @Override
        public void stop() {
            GOOGLE.stop();
        }
    }

    @Inject
    GoogleOAuth google;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @BeforeEach
    void reset() {
        GOOGLE.reset();
        circuitBreakers.resetAll();
    }

    @Test
    void theCallsGoToTheScriptedGoogle() {
        GOOGLE.answer("/tokeninfo", 200, "{\"expires_in\": 3599, \"scope\": \"https://www.googleapis.com/auth/business.manage\"}");
        assertEquals(3599, google.tokenInfo("ya29.scripted-token").expiresInSeconds());
        assertEquals(1, GOOGLE.calls("/tokeninfo"));
    }

    @Test
    void aRefusalIsNeverRetried() {
        GOOGLE.answer("/token", 400, "{\"error\": \"invalid_grant\", \"error_description\": \"Bad Request\"}");
        GoogleOAuthException e = assertThrows(GoogleOAuthException.class, () -> google.refresh("client", "secret", "1//refresh"));
        assertTrue(e.isInvalidGrant());
        assertFalse(e instanceof GoogleUnavailableException);
        assertEquals(1, GOOGLE.calls("/token"));
    }

    @Test
    void aPassingServerErrorIsRetried() {
        GOOGLE.answer("/token", 503, "{\"error\": \"temporarily_unavailable\"}");
        GOOGLE.thenAnswer("/token", 200, "{\"access_token\": \"ya29.fresh\", \"expires_in\": 3599, \"scope\": \"s\"}");
        assertEquals("ya29.fresh", google.refresh("client", "secret", "1//refresh").accessToken());
        assertEquals(2, GOOGLE.calls("/token"));
    }

    @Test
    void retriesAreBounded() {
        GOOGLE.answer("/token", 500, "{\"error\": \"internal_failure\"}");
        GoogleOAuthException e = assertThrows(GoogleOAuthException.class, () -> google.refresh("client", "secret", "1//refresh"));
        assertInstanceOf(GoogleUnavailableException.class, e);
        assertEquals(500, e.status());
        assertTrue(e.isTransient());
        assertEquals(3, GOOGLE.calls("/token"), "one call and two retries");
    }

    @Test
    void aTimeoutIsGoogleUnavailableTheSame503AsBefore() {
        GOOGLE.answerSlowly("/tokeninfo", 2_000);
        GoogleOAuthException e = assertThrows(GoogleOAuthException.class, () -> google.tokenInfo("ya29.scripted-token"));
        assertInstanceOf(GoogleUnavailableException.class, e);
        assertEquals(0, e.status());
        assertEquals("unreachable", e.error());

        asService().body(Map.of("access_token", "ya29.scripted-token")).post("/api/v1/credentials").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("title", is("Temporarily unavailable"))
                .body("detail", is("Google's tokeninfo endpoint failed; try again shortly"));
        assertEquals(6, GOOGLE.calls("/tokeninfo"), "three attempts per call");

        // The timed-out attempts leave nothing behind: the next call on the same worker threads works.
        GOOGLE.reset();
        GOOGLE.answer("/tokeninfo", 200, "{\"expires_in\": 3599, \"scope\": \"https://www.googleapis.com/auth/business.manage\"}");
        asService().body(Map.of("access_token", "ya29.scripted-token")).post("/api/v1/credentials").then().statusCode(201);
    }

    @Test
    void anOpenCircuitAnswersAtOnceAsGoogleUnavailable() {
        GOOGLE.answer("/tokeninfo", 503, "{\"error\": \"temporarily_unavailable\"}");
        for (int i = 0; i < 4; i++) {
            asService().body(Map.of("access_token", "ya29.scripted-token")).post("/api/v1/credentials").then().statusCode(503);
        }
        int seen = GOOGLE.calls("/tokeninfo");
        long start = System.nanoTime();
        asService().body(Map.of("access_token", "ya29.scripted-token")).post("/api/v1/credentials").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("title", is("Temporarily unavailable"))
                .body("detail", is("Google's tokeninfo endpoint failed; try again shortly"));
        assertEquals(seen, GOOGLE.calls("/tokeninfo"), "the open circuit still called Google");
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "the open circuit did not answer at once");
    }

    @Test
    void refusalsDoNotOpenTheCircuit() {
        GOOGLE.answer("/tokeninfo", 400, "{\"error\": \"invalid_token\", \"error_description\": \"Invalid Value\"}");
        for (int i = 0; i < 15; i++) {
            asService().body(Map.of("access_token", "ya29.scripted-token")).post("/api/v1/credentials").then()
                    .statusCode(401).body("type", is("https://review-fetcher.io/problems/invalid-access-token"));
        }
        assertEquals(15, GOOGLE.calls("/tokeninfo"));
    }

    /** Google's OAuth endpoints as a script: per path, the answers to give in order (the last one repeats). */
    static final class StubGoogle {
        record Answer(int status, String body, long delayMs) {
        }

        private final Map<String, List<Answer>> script = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private HttpServer server;

        void start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::handle);
            server.start();
        }

        void stop() {
            server.stop(0);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void reset() {
            script.clear();
            calls.clear();
        }

        void answer(String path, int status, String body) {
            script.put(path, new java.util.concurrent.CopyOnWriteArrayList<>(List.of(new Answer(status, body, 0))));
        }

        void thenAnswer(String path, int status, String body) {
            script.get(path).add(new Answer(status, body, 0));
        }

        void answerSlowly(String path, long delayMs) {
            script.put(path, new java.util.concurrent.CopyOnWriteArrayList<>(List.of(new Answer(200, "{}", delayMs))));
        }

        int calls(String path) {
            return calls.getOrDefault(path, new AtomicInteger()).get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
            List<Answer> answers = script.get(path);
            Answer answer = answers == null ? new Answer(404, "{\"error\": \"not_found\"}", 0) : answers.get(Math.min(n, answers.size() - 1));
            if (answer.delayMs() > 0) {
                try {
                    Thread.sleep(answer.delayMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(answer.status(), body.length);
                out.write(body);
            } catch (IOException clientGone) {
                // the caller timed out and closed the connection
            }
        }
    }
}
