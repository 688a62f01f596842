package io.reviewfetcher.tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.support.Calls;
import io.reviewfetcher.tokens.support.Flows;
import io.reviewfetcher.tokens.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static io.reviewfetcher.tokens.support.Calls.asService;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every flow that touches a secret, with every logger at DEBUG into a file, then reads that log, every
 * error body and the metrics, and finds no access token, refresh token, client secret or authorization code.
 */
@QuarkusTest
@TestProfile(NoSecretLeaksTest.DebugLogToFile.class)
class NoSecretLeaksTest {

    static final Path LOG = Path.of("target", "no-secret-leaks.log");

    public static class DebugLogToFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.level", "DEBUG",
                    "quarkus.log.min-level", "DEBUG",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "DEBUG",
                    // Noisy internals that never see request data; the service's, REST's and Vert.x's logs stay at DEBUG.
                    "quarkus.log.category.\"io.netty\".level", "INFO",
                    "quarkus.log.category.\"org.jboss.threads\".level", "INFO",
                    // The test's own HTTP client (RestAssured) shares this JVM's logging; its wire log is the test's, not the service's.
                    "quarkus.log.category.\"org.apache.http\".level", "INFO");
        }
    }

    @Inject
    AgroalDataSource database;

    @Inject
    SecretCipher cipher;

    @Test
    void noSecretReachesALogAnErrorBodyOrAMetric() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        secrets.put("client secret", TestEnvironment.GOOGLE_CLIENT_SECRET);

        // The OAuth flow, with the code the browser carries.
        long clientId = Flows.registerClient();
        String callbackQuery = Flows.consent(clientId);
        secrets.put("authorization code", queryParam(callbackQuery, "code"));
        answers.add(Flows.callback(callbackQuery).then().statusCode(200).extract().asString());
        answers.add(Flows.callback(callbackQuery).then().statusCode(400).extract().asString()); // replay
        secrets.put("refresh token", storedRefreshToken(clientId));

        String access = asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token");
        secrets.put("access token", access);
        String refreshed = asAdmin().body(Map.of("client_id", clientId)).post("/tokens/refresh").then().statusCode(200)
                .extract().path("access_token");
        secrets.put("refreshed access token", refreshed);
        answers.add(asAdmin().get("/tokens/client/" + clientId).then().statusCode(200).extract().asString());

        // Submitted credentials and permits, granted and refused.
        Map<String, Object> minted = Calls.mintToken();
        secrets.put("submitted access token", (String) minted.get("access_token"));
        secrets.put("minted refresh token", (String) minted.get("refresh_token"));
        String credential = Calls.credentialFor((String) minted.get("access_token"));
        Calls.permit(credential).then().statusCode(200);
        Calls.permit("client:" + clientId).then().statusCode(200);
        for (int i = 0; i < 15; i++) {
            Response r = asService().header("X-Caller-Id", "leak-test").body(Map.of("credential", credential)).post("/api/v1/permits");
            if (r.statusCode() != 200) {
                answers.add(r.asString());
            }
        }

        // Tokens sent where they do not belong: as a reference, in malformed JSON, in a wrong-typed field.
        answers.add(asService().body(Map.of("credential", access)).post("/api/v1/permits").then().statusCode(400).extract().asString());
        answers.add(asService().body("{\"access_token\": \"" + access + "\"").post("/api/v1/credentials").then().statusCode(400).extract().asString());
        answers.add(asService().body("{\"access_token\": [\"" + access + "\"]}").post("/api/v1/credentials").then().statusCode(400).extract().asString());
        answers.add(asService().body(Map.of("access_token", access + " x")).post("/api/v1/credentials").then().statusCode(400).extract().asString());
        answers.add(asService().body(Map.of("access_token", "ya29.unknown" + access.substring(12))).post("/api/v1/credentials")
                .then().statusCode(401).extract().asString());
        answers.add(asAdmin().body("{\"client_id\": \"" + access + "\", \"client_secret\": 5}").post("/clients").then().statusCode(400).extract().asString());
        answers.add(given().header("X-API-Key", access).get("/clients").then().statusCode(401).extract().asString());

        // The grant dies at Google: invalid_grant on the next refresh.
        given().baseUri(TestEnvironment.emulator().baseUrl()).formParam("token", refreshed).post("/revoke").then().statusCode(200);
        answers.add(asAdmin().body(Map.of("client_id", clientId)).post("/tokens/refresh").then().statusCode(409).extract().asString());
        answers.add(asService().body(Map.of("credential", "client:" + clientId)).post("/api/v1/permits").then().statusCode(401).extract().asString());

        // Reconnect, then revoke through token-service.
        Flows.callback(Flows.consent(clientId)).then().statusCode(200);
        secrets.put("second refresh token", storedRefreshToken(clientId));
        asAdmin().delete("/tokens/" + clientId).then().statusCode(204);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String log = awaitLogContains("Revoked the grant of client " + clientId);

        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertTrue(secret.getValue() != null && secret.getValue().length() >= 10, secret.getKey() + " not captured");
            String value = secret.getValue();
            if (log.contains(value)) {
                fail("the " + secret.getKey() + " is in the log " + LOG);
            }
            if (metrics.contains(value)) {
                fail("the " + secret.getKey() + " is in the metrics");
            }
            for (String answer : answers) {
                if (answer.contains(value)) {
                    fail("the " + secret.getKey() + " is in an answer: " + answer.replace(value, "<" + secret.getKey() + ">"));
                }
            }
        }
        assertTrue(log.contains("Refreshed the access token of client " + clientId), "the log does not cover the flow");
    }

    private String storedRefreshToken(long clientId) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("select refresh_token from tokens where client_id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return cipher.open(row.getString(1), "refresh_token:" + clientId);
            }
        }
    }

    /** The file handler writes asynchronously to the OS; wait until the flow's last line is there. */
    private static String awaitLogContains(String line) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            String log = Files.readString(LOG, StandardCharsets.UTF_8);
            if (log.contains(line) || Instant.now().isAfter(deadline)) {
                assertTrue(log.contains(line), "the log never showed: " + line);
                return log;
            }
            Thread.onSpinWait();
        }
    }

    private static String queryParam(String rawQuery, String name) {
        for (String pair : URI.create("http://x/?" + rawQuery).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException(name + " not in the callback query");
    }
}
