package io.reviewfetcher.ingress.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * token-service's {@code POST /api/v1/credentials} as a test controls it: it can hold every request until
 * released (so submissions stay in flight, deterministically), or answer with a chosen status and body.
 * It records what it received, to check that the token reached token-service and nothing else.
 */
public final class StubTokenService {

    private static StubTokenService instance;

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private final Semaphore arrivals = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int status = 201;
    private volatile String answer = "{\"credential\":\"cred:0123456789abcdef0123\",\"expires_at\":\"2030-01-01T00:00:00Z\"}";

    private StubTokenService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/credentials", this::handle);
        server.start();
    }

    public static synchronized StubTokenService get() {
        if (instance == null) {
            instance = new StubTokenService();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        apiKeys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
        arrivals.release();
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 201 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** From now on every request waits until {@link #release()}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** Waits until {@code n} more requests have arrived since the last call. */
    public boolean awaitArrivals(int n, long seconds) throws InterruptedException {
        return arrivals.tryAcquire(n, seconds, TimeUnit.SECONDS);
    }

    public void answer(int status, String body) {
        this.status = status;
        this.answer = body;
    }

    public void answerCredential(String reference) {
        answer(201, "{\"credential\":\"" + reference + "\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
    }

    public List<String> bodies() {
        return bodies;
    }

    public List<String> apiKeys() {
        return apiKeys;
    }

    /**
     * Back to a token-service that answers with a reference. token-service-client's circuit breaker
     * remembers the failures a test provoked; it is closed again too, as a fresh ingress-api's would be
     * (called from the tests, inside the application).
     */
    public void reset() {
        CircuitBreakerMaintenance.get().resetAll();
        release();
        arrivals.drainPermits();
        bodies.clear();
        apiKeys.clear();
        answerCredential("cred:0123456789abcdef0123");
    }
}
