package io.reviewfetcher.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Google as a test scripts it, on one local port: accounts.list pages by page token and each account's answer to the
 * notification setting's PATCH (200 with the setting sent, unless scripted otherwise); and token-service's permits,
 * each with an access token of its own. Records every PATCH. Not the emulator: a test says exactly what Google answers.
 */
public final class StubGoogle {

    /** One PATCH of an account's notification setting as Google received it. */
    public record Patch(String accountId, String updateMask, String authorization, String body) {
    }

    private record Answer(int status, String body) {
    }

    private static StubGoogle instance;

    private final HttpServer server;
    private final Map<String, String> accountPages = new ConcurrentHashMap<>();
    private final Map<String, Answer> settingAnswers = new ConcurrentHashMap<>();
    private final List<Patch> patches = new CopyOnWriteArrayList<>();
    private final List<String> permitsAsked = new CopyOnWriteArrayList<>();

    private StubGoogle() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/permits", this::permit);
        server.createContext("/v1/accounts", this::accounts);
        server.start();
    }

    public static synchronized StubGoogle get() {
        if (instance == null) {
            instance = new StubGoogle();
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The accounts.list page fetched with {@code pageToken} (null: the first). */
    public void accountsPage(String pageToken, String nextPageToken, String... accountIds) {
        StringBuilder json = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < accountIds.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":\"accounts/").append(accountIds[i]).append("\",\"accountName\":\"Account ")
                    .append(accountIds[i]).append("\",\"type\":\"LOCATION_GROUP\"}");
        }
        json.append("]").append(nextPageToken == null ? "" : ",\"nextPageToken\":\"" + nextPageToken + "\"").append("}");
        accountPages.put(pageToken == null ? "" : pageToken, json.toString());
    }

    /** Google's error envelope for the account's PATCH, from now on. */
    public void refuseSetting(String accountId, int status, String canonicalStatus, String message) {
        settingAnswers.put(accountId, new Answer(status, "{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                + "\",\"status\":\"" + canonicalStatus + "\"}}"));
    }

    public List<Patch> patches() {
        return patches;
    }

    /** The credentials permits were asked for, in order. */
    public List<String> permitsAsked() {
        return permitsAsked;
    }

    public void reset() {
        accountPages.clear();
        settingAnswers.clear();
        patches.clear();
        permitsAsked.clear();
    }

    private void permit(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int at = body.indexOf("\"credential\":\"");
        permitsAsked.add(at < 0 ? "?" : body.substring(at + 14, body.indexOf('"', at + 14)));
        answer(exchange, 200, "{\"access_token\":\"stub-access-token\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
    }

    private void accounts(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/v1/accounts") && exchange.getRequestMethod().equals("GET")) {
            String page = accountPages.get(query.getOrDefault("pageToken", ""));
            answer(exchange, page == null ? 404 : 200, page == null ? "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}" : page);
            return;
        }
        String[] parts = path.split("/");
        if (parts.length == 5 && parts[4].equals("notificationSetting") && exchange.getRequestMethod().equals("PATCH")) {
            String accountId = parts[3];
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            patches.add(new Patch(accountId, query.get("updateMask"), exchange.getRequestHeaders().getFirst("Authorization"), body));
            Answer refused = settingAnswers.get(accountId);
            answer(exchange, refused == null ? 200 : refused.status(), refused == null ? body : refused.body());
            return;
        }
        answer(exchange, 404, "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\"}}");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
