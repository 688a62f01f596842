package io.reviewfetcher.tokens.oauth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.tokens.support.Calls;
import io.reviewfetcher.tokens.support.Flows;
import io.reviewfetcher.tokens.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static io.reviewfetcher.tokens.support.Calls.asService;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OAuth flow against the emulator playing Google, and the life of the tokens it yields. */
@QuarkusTest
class OAuthFlowTest {

    @Inject
    AgroalDataSource database;

    @Test
    void theAuthorizationUrlAsksForOfflineAccessWithConsentPkceAndABoundState() {
        long clientId = Flows.registerClient();
        Response start = asAdmin().get("/oauth/start/" + clientId);
        start.then().statusCode(200).body("auth_url", startsWith(TestEnvironment.emulator().baseUrl() + "/o/oauth2/v2/auth?"));
        Map<String, String> query = query(URI.create(start.path("auth_url")));
        assertEquals(TestEnvironment.GOOGLE_CLIENT_ID, query.get("client_id"));
        assertEquals("code", query.get("response_type"));
        assertEquals("offline", query.get("access_type"));
        assertEquals("consent", query.get("prompt"));
        assertEquals("https://www.googleapis.com/auth/business.manage", query.get("scope"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.get("code_challenge").matches("[A-Za-z0-9_-]{43}"));
        assertEquals(start.path("state"), query.get("state"));
        assertEquals("http://127.0.0.1:8081/auth/callback", query.get("redirect_uri"));

        asAdmin().redirects().follow(false).get("/oauth/login/" + clientId).then().statusCode(302)
                .header("Location", startsWith(TestEnvironment.emulator().baseUrl() + "/o/oauth2/v2/auth?"));
        asAdmin().get("/oauth/start/987654321").then().statusCode(404);
        given().get("/oauth/start/" + clientId).then().statusCode(401);
    }

    @Test
    void theWholeFlowStoresSealedTokensAndHandsOutAValidAccessToken() throws Exception {
        long clientId = Flows.registerClient();
        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(409).body("reconnect_url", is("/oauth/login/" + clientId));

        Response callback = Flows.callback(Flows.consent(clientId));
        callback.then().statusCode(200).body("success", is(true)).body("client_id", is((int) clientId))
                .body("has_refresh_token", is(true)).body(not(containsString("ya29.")));

        String accessToken = asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200)
                .body("is_valid", is(true)).extract().path("access_token");
        assertTrue(Calls.googleAccepts(accessToken), "Google does not accept the handed-out token");

        asAdmin().get("/tokens/client/" + clientId).then().statusCode(200)
                .body("has_token", is(true)).body("is_valid", is(true)).body("has_refresh_token", is(true))
                .body(not(containsString(accessToken)));
        try (Connection c = database.getConnection();
             PreparedStatement select = c.prepareStatement("select access_token, refresh_token from tokens where client_id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertFalse(row.getString(1).contains(accessToken));
                assertFalse(row.getString(2).startsWith("1//"), "refresh token stored in clear");
            }
        }

        // Workers get the managed token through the quota.
        Calls.permit("client:" + clientId).then().statusCode(200).body("access_token", is(accessToken));
    }

    @Test
    void aStateWorksOnceAndOnlyForTheFlowThatMadeIt() {
        long clientId = Flows.registerClient();
        String query = Flows.consent(clientId);
        Flows.callback(query).then().statusCode(200);
        // Replayed callback: the state was used.
        Flows.callback(query).then().statusCode(400).body("type", containsString("invalid-state"));
        // Forged state with a real-looking code.
        String code = query(URI.create("http://x/?" + query)).get("code");
        Flows.callback("code=" + code + "&state=forged" + TestEnvironment.randomHex(8)).then().statusCode(400)
                .body("type", containsString("invalid-state"));
        Flows.callback("code=abc").then().statusCode(400);
        // The user refused consent: state consumed, nothing stored.
        String refused = asAdmin().get("/oauth/start/" + clientId).then().statusCode(200).extract().path("state");
        Flows.callback("error=access_denied&state=" + refused).then().statusCode(400).body("type", containsString("consent-refused"));
        Flows.callback("error=access_denied&state=" + refused).then().statusCode(400).body("type", containsString("invalid-state"));
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        long clientId = Flows.registerClient();
        String query = Flows.consent(clientId);
        try (Connection c = database.getConnection();
             PreparedStatement expire = c.prepareStatement("update oauth_states set expires_at = now() - interval '1 second' where client_id = ?")) {
            expire.setLong(1, clientId);
            expire.executeUpdate();
        }
        Flows.callback(query).then().statusCode(400).body("type", containsString("invalid-state"));
    }

    @Test
    void aTokenExpiringWithinFiveMinutesIsRefreshedFirst() throws Exception {
        long clientId = Flows.connectedClient();
        String before = asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token");
        expireIn(clientId, Duration.ofMinutes(6));
        assertEquals(before, asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token"),
                "refreshed although 6 minutes were left");
        expireIn(clientId, Duration.ofMinutes(4));
        Response after = asAdmin().get("/tokens/validate/" + clientId);
        after.then().statusCode(200);
        String refreshed = after.path("access_token");
        assertNotEquals(before, refreshed);
        assertTrue(Calls.googleAccepts(refreshed));
        assertTrue(Duration.between(Instant.now(), Instant.parse(after.path("expires_at"))).toMinutes() > 50);
        asAdmin().get("/tokens/client/" + clientId).then().body("refresh_count", is(1));

        // A forced refresh.
        String forced = asAdmin().body(Map.of("client_id", clientId)).post("/tokens/refresh").then().statusCode(200)
                .extract().path("access_token");
        assertNotEquals(refreshed, forced);
        asAdmin().body(Map.of()).post("/tokens/refresh").then().statusCode(400);
        asAdmin().body(Map.of("client_id", 987654321)).post("/tokens/refresh").then().statusCode(404);
    }

    @Test
    void manyCallersAtOnceCauseOneRefresh() throws Exception {
        long clientId = Flows.connectedClient();
        expireIn(clientId, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token"));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                tokens.add(f.get());
            }
            assertEquals(1, tokens.size(), "callers got different tokens: more than one refresh");
        } finally {
            pool.shutdownNow();
        }
        asAdmin().get("/tokens/client/" + clientId).then().body("refresh_count", is(1));
    }

    @Test
    void aTokenGoogleRefusesBeforeItsExpiryIsReplacedOnceWhenAWorkerReportsIt() throws Exception {
        long clientId = Flows.connectedClient();
        String before = Calls.permit("client:" + clientId).then().statusCode(200).extract().path("access_token");
        try (Connection c = database.getConnection();
             PreparedStatement age = c.prepareStatement("update tokens set updated_at = now() - interval '1 minute' where client_id = ?")) {
            age.setLong(1, clientId); // the token has been in use for a minute
            age.executeUpdate();
        }
        // Google expires every access token early (refresh tokens keep working).
        given().baseUri(TestEnvironment.emulator().baseUrl()).contentType("application/json")
                .body(Map.of("expireAccessTokens", true)).put("/emulator/faults").then().statusCode(200);
        try {
            assertFalse(Calls.googleAccepts(before));
            String after = asService().body(Map.of("credential", "client:" + clientId, "token_rejected", true))
                    .post("/api/v1/permits").then().statusCode(200).extract().path("access_token");
            assertNotEquals(before, after);
            assertTrue(Calls.googleAccepts(after));
            // Other workers reporting the same refusal right after get the new token, not another refresh.
            String again = asService().body(Map.of("credential", "client:" + clientId, "token_rejected", true))
                    .post("/api/v1/permits").then().statusCode(200).extract().path("access_token");
            assertEquals(after, again);
            asAdmin().get("/tokens/client/" + clientId).then().body("refresh_count", is(1));
        } finally {
            given().baseUri(TestEnvironment.emulator().baseUrl()).delete("/emulator/faults").then().statusCode(200);
        }
    }

    @Test
    void aRevokedClientGetsNoTokenAndNoPermit() {
        long clientId = Flows.connectedClient();
        String accessToken = asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token");
        asAdmin().delete("/tokens/" + clientId).then().statusCode(204);
        assertFalse(Calls.googleAccepts(accessToken), "Google still accepts the revoked grant's token");
        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(409).body("reconnect_url", is("/oauth/login/" + clientId));
        asService().body(Map.of("credential", "client:" + clientId)).post("/api/v1/permits").then().statusCode(401);
        asAdmin().delete("/tokens/" + clientId).then().statusCode(404);
        asAdmin().get("/tokens/client/" + clientId).then().statusCode(200).body("has_token", is(false));
        // Reconnecting brings it back.
        Flows.callback(Flows.consent(clientId)).then().statusCode(200);
        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200);
    }

    @Test
    void invalidGrantMarksTheCredentialInvalidAndAsksForReconnection() throws Exception {
        long clientId = Flows.connectedClient();
        String accessToken = asAdmin().get("/tokens/validate/" + clientId).then().statusCode(200).extract().path("access_token");
        // The user removes the app's access at Google.
        given().baseUri(TestEnvironment.emulator().baseUrl()).formParam("token", accessToken).post("/revoke").then().statusCode(200);
        expireIn(clientId, Duration.ofMinutes(2));

        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(409)
                .body("detail", containsString("reconnect")).body("reconnect_url", is("/oauth/login/" + clientId));
        asAdmin().get("/tokens/client/" + clientId).then().statusCode(200)
                .body("is_valid", is(false)).body("invalid_reason", is("invalid_grant"));
        asService().body(Map.of("credential", "client:" + clientId)).post("/api/v1/permits").then().statusCode(401)
                .body("reconnect_url", is("/oauth/login/" + clientId));
        // No second call to Google: the mark stays until the business reconnects.
        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(409);
    }

    @Test
    void aClientWhoseSecretGoogleRefusesIsMarkedAndItsPermitsFailPermanentlyUntilAnOperatorFixesIt() throws Exception {
        long clientId = Flows.connectedClient();
        // An operator mistypes the secret (the client's own credentials, not the business's grant).
        asAdmin().body(Map.of("client_secret", "GOCSPX-wrong" + TestEnvironment.randomHex(4))).patch("/clients/" + clientId)
                .then().statusCode(200).body("needs_attention", is(false));
        expireIn(clientId, Duration.ofMinutes(2));

        asService().body(Map.of("credential", "client:" + clientId)).post("/api/v1/permits").then().statusCode(401)
                .body("type", containsString("client-misconfigured")).body("detail", containsString("invalid_client"))
                .body("reconnect_url", is((Object) null)).header("Retry-After", is((String) null));
        asAdmin().get("/clients/" + clientId).then().statusCode(200).body("needs_attention", is(true))
                .body("attention_reason", is("invalid_client")).body("attention_since", not(is((Object) null)));
        asAdmin().get("/tokens/validate/" + clientId).then().statusCode(409).body("type", containsString("client-misconfigured"));
        asAdmin().get("/tokens/client/" + clientId).then().body("is_valid", is(true)); // the business's grant is fine
        asAdmin().get("/q/metrics").then().body(containsString("token_service_clients_misconfigured_total{error=\"invalid_client\"}"));

        // The operator corrects it: the mark goes and the next permit refreshes.
        asAdmin().body(Map.of("client_secret", TestEnvironment.GOOGLE_CLIENT_SECRET)).patch("/clients/" + clientId)
                .then().statusCode(200).body("needs_attention", is(false)).body("attention_reason", is((Object) null));
        Calls.permit("client:" + clientId).then().statusCode(200);
    }

    private void expireIn(long clientId, Duration left) throws Exception {
        try (Connection c = database.getConnection();
             PreparedStatement update = c.prepareStatement("update tokens set expires_at = ? where client_id = ?")) {
            update.setTimestamp(1, java.sql.Timestamp.from(Instant.now().plus(left)));
            update.setLong(2, clientId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }
}
