package io.reviewfetcher.emulator.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * The push endpoint as a test controls it: records every push it gets, answers the statuses scripted for the next
 * pushes (then 204), and, when given the JWKS, checks each token as a receiver must (403 when it does not verify).
 */
public final class PushReceiver {

    /** One push as received; {@code data} is the decoded notification. */
    public record Received(String messageId, JsonNode envelope, JsonNode data, String token, boolean tokenValid,
                           int answered, Instant at) {

        public String reviewName() {
            return data.path("reviewName").asText();
        }
    }

    private static PushReceiver instance;

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> scripted = new ConcurrentLinkedQueue<>();
    private volatile String jwks;

    private PushReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/push", this::handle);
        server.start();
    }

    public static synchronized PushReceiver get() {
        if (instance == null) {
            instance = new PushReceiver();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/push";
    }

    /** Forgets what was received and scripted; stops checking tokens. */
    public void reset() {
        received.clear();
        scripted.clear();
        jwks = null;
    }

    /** The next pushes are answered with these statuses, in order. */
    public void answer(Integer... statuses) {
        scripted.addAll(List.of(statuses));
    }

    /** From now on a push whose token does not verify against this JWKS is answered 403. */
    public void verifyTokensWith(String jwks) {
        this.jwks = jwks;
    }

    /** Pushes received about these reviews, in arrival order. */
    public List<Received> about(List<String> reviewNames) {
        return received.stream().filter(r -> reviewNames.contains(r.reviewName())).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        JsonNode envelope = mapper.readTree(exchange.getRequestBody().readAllBytes());
        JsonNode data = mapper.readTree(Base64.getDecoder().decode(envelope.path("message").path("data").asText()));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        boolean valid = verifies(token);
        Integer next = scripted.poll();
        int status = jwks != null && !valid ? 403 : next != null ? next : 204;
        received.add(new Received(envelope.path("message").path("messageId").asText(), envelope, data, token, valid,
                status, at));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean verifies(String token) {
        String keys = jwks;
        if (keys == null) {
            return false;
        }
        try {
            PushTokens.verify(token, keys, url());
            return true;
        } catch (InvalidJwtException e) {
            return false;
        }
    }
}
