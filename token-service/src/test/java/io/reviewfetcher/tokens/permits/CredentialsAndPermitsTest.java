package io.reviewfetcher.tokens.permits;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.reviewfetcher.tokens.support.Calls;
import io.reviewfetcher.tokens.support.Flows;
import io.reviewfetcher.tokens.support.TestEnvironment;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static io.reviewfetcher.tokens.support.Calls.asIngress;
import static io.reviewfetcher.tokens.support.Calls.asService;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/credentials and POST /api/v1/permits as a worker and ingress-api see them. */
@QuarkusTest
class CredentialsAndPermitsTest {

    @Inject
    RedisDataSource redis;

    @Test
    void onlyAServiceKeyOpensTheServiceApi() {
        given().contentType("application/json").body(Map.of("credential", "cred:AAAAAAAAAAAAAAAAAAAA"))
                .post("/api/v1/permits").then().statusCode(401)
                .contentType("application/problem+json").body("status", is(401));
        given().header("X-API-Key", "wrong-key-wrong-key-wrong").contentType("application/json")
                .body(Map.of("credential", "cred:AAAAAAAAAAAAAAAAAAAA")).post("/api/v1/permits").then().statusCode(401);
        // The admin key is not a service key.
        asAdmin().body(Map.of("credential", "cred:AAAAAAAAAAAAAAAAAAAA")).post("/api/v1/permits").then().statusCode(401);
        // Admin paths refuse the service key.
        asService().get("/clients").then().statusCode(401);
    }

    /** ingress-api is internet facing: its key keeps a submitted token but never gets one back. */
    @Test
    void ingressApisKeyKeepsCredentialsButGetsNoPermit() {
        String accessToken = (String) Calls.mintToken().get("access_token");
        String credential = asIngress().body(Map.of("access_token", accessToken)).post("/api/v1/credentials")
                .then().statusCode(201).extract().path("credential");

        asIngress().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", containsString("unauthorized"))
                .body(not(containsString(accessToken)))
                .body(not(containsString(TestEnvironment.INGRESS_KEY)));
        asIngress().body(Map.of("credential", "client:1")).post("/api/v1/permits").then().statusCode(401);
        // The worker's key still gets the permit for the same reference.
        Calls.permit(credential).then().statusCode(200).body("access_token", equalTo(accessToken));
    }

    /**
     * ingress-api asks with its own key whether a client exists before it takes a schedule for it: 200 with whether it is
     * connected (never a token or secret), 404 problem+json for none, 401 for a key of another role or none.
     */
    @Test
    void ingressApisKeyTellsWhetherAClientExistsAndIsConnected() {
        long registered = Flows.registerClient();
        asIngress().get("/api/v1/credentials/clients/" + registered).then().statusCode(200)
                .body("client_id", is(Long.toString(registered))).body("connected", is(false));

        long connected = Flows.connectedClient();
        String answer = asIngress().get("/api/v1/credentials/clients/" + connected).then().statusCode(200)
                .body("client_id", is(Long.toString(connected))).body("connected", is(true))
                .extract().asString();
        assertFalse(answer.contains("ya29.") || answer.contains(TestEnvironment.GOOGLE_CLIENT_SECRET), "a secret in " + answer);
        asService().get("/api/v1/credentials/clients/" + connected).then().statusCode(200).body("connected", is(true));

        asIngress().get("/api/v1/credentials/clients/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("status", is(404));
        asIngress().get("/api/v1/credentials/clients/acme").then().statusCode(404)
                .contentType("application/problem+json");

        given().get("/api/v1/credentials/clients/" + connected).then().statusCode(401)
                .contentType("application/problem+json").body("type", containsString("unauthorized"));
        asAdmin().get("/api/v1/credentials/clients/" + connected).then().statusCode(401);
        // Nothing else under the path takes ingress-api's key.
        asIngress().get("/api/v1/credentials/clients").then().statusCode(401);
    }

    @Test
    void keepsASubmittedTokenEncryptedUntilItExpiresAndHandsItOutWithAPermit() {
        Map<String, Object> minted = Calls.mintToken();
        String accessToken = (String) minted.get("access_token");

        Response created = asService().body(Map.of("access_token", accessToken)).post("/api/v1/credentials");
        created.then().statusCode(201)
                .body("credential", matchesPattern("cred:[A-Za-z0-9_-]{16,64}"))
                .body("expires_at", notNullValue())
                .body(not(containsString(accessToken)));
        String credential = created.path("credential");

        // In Redis: sealed (the token is not readable there), expiring with the token (~3599 s).
        String stored = redis.value(String.class).get("credential:" + credential);
        assertFalse(stored.contains(accessToken), "the token is stored in clear");
        long ttl = redis.key().ttl("credential:" + credential);
        assertTrue(ttl > 3500 && ttl <= 3600, "ttl " + ttl);
        // Its expiry, without the token, is remembered a week longer (token-service.credentials.expiry-memory).
        String expiry = redis.value(String.class).get("credential-expiry:" + credential);
        assertFalse(expiry.contains(accessToken));
        long expiryTtl = redis.key().ttl("credential-expiry:" + credential);
        long week = Duration.ofDays(7).toSeconds();
        assertTrue(expiryTtl > week + 3500 && expiryTtl <= week + 3600, "expiry ttl " + expiryTtl);

        Response permit = Calls.permit(credential);
        permit.then().statusCode(200).body("access_token", equalTo(accessToken)).body("expires_at", notNullValue());
        Instant expiresAt = Instant.parse(permit.path("expires_at"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toSeconds() > 3500);
    }

    @Test
    void refusesTokensGoogleDoesNotAccept() {
        asService().body(Map.of("access_token", "ya29.not-a-token-google-issued")).post("/api/v1/credentials")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", not(containsString("ya29.not-a-token")));
        asService().body(Map.of("access_token", "has spaces in it")).post("/api/v1/credentials")
                .then().statusCode(400).body("errors[0].field", is("access_token"));
        asService().body(Map.of()).post("/api/v1/credentials").then().statusCode(400);
        asService().body("{not json").post("/api/v1/credentials").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownMalformedAndExpiredCredentialsGetNoPermit() {
        asService().body(Map.of("credential", "cred:doesNotExist00000000")).post("/api/v1/permits")
                .then().statusCode(401).body("type", containsString("credential-unknown"));
        asService().body(Map.of("credential", "client:999999999")).post("/api/v1/permits")
                .then().statusCode(404);
        asService().body(Map.of("credential", "ya29.a0-a-raw-token")).post("/api/v1/permits")
                .then().statusCode(400).body("errors[0].field", is("credential"))
                .body(not(containsString("ya29.a0-a-raw-token")));

        // A credential whose kept copy expired in Redis.
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        redis.key().pexpire("credential:" + credential, 1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.key().exists("credential:" + credential) == false);
        asService().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(401);
    }

    /** A job outliving its submitted token hears that it expired (permanent, with what to do), not "unknown". */
    @Test
    void aSubmittedTokenThatExpiredIsToldApartFromAnUnknownCredential() {
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        // An hour passes: the token is forgotten with its lifetime, its expiry (now past) is remembered.
        redis.value(String.class).set("credential-expiry:" + credential, Long.toString(Instant.now().minusSeconds(1).toEpochMilli()),
                new io.quarkus.redis.datasource.value.SetArgs().ex(600));
        redis.key().del("credential:" + credential);

        for (int ask = 0; ask < 2; ask++) {
            asService().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(401)
                    .body("type", containsString("credential-expired"))
                    .body("detail", containsString("fresh token")).header("Retry-After", is((String) null));
        }
        // Once the expiry is forgotten too (a week later), it is just unknown.
        redis.key().del("credential-expiry:" + credential);
        asService().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(401)
                .body("type", containsString("credential-unknown"));
    }

    /** Google refusing a token at its expiry (a worker's 401 in the token's last seconds) is the same expiry. */
    @Test
    void aTokenGoogleRefusesAtItsExpiryIsExpiredNotRevoked() {
        String accessToken = (String) Calls.mintToken().get("access_token");
        String credential = Calls.credentialFor(accessToken);
        given().baseUri(TestEnvironment.emulator().baseUrl()).formParam("token", accessToken).post("/revoke").then().statusCode(200);
        // As kept, it expires within the minute.
        String stored = redis.value(String.class).get("credential:" + credential);
        long soon = Instant.now().plusSeconds(20).toEpochMilli();
        redis.value(String.class).set("credential:" + credential, soon + stored.substring(stored.indexOf('|')),
                new io.quarkus.redis.datasource.value.SetArgs().px(20_000));
        redis.value(String.class).set("credential-expiry:" + credential, Long.toString(soon),
                new io.quarkus.redis.datasource.value.SetArgs().ex(600));

        asService().body(Map.of("credential", credential, "token_rejected", true)).post("/api/v1/permits")
                .then().statusCode(401).body("type", containsString("credential-expired"));
        assertFalse(redis.key().exists("credential:" + credential), "the dead token is still kept");
        // The job's other tasks hear the same, without the flag and before the kept expiry has passed.
        asService().body(Map.of("credential", credential)).post("/api/v1/permits")
                .then().statusCode(401).body("type", containsString("credential-expired"));
    }

    @Test
    void aSubmittedTokenThatGoogleNoLongerAcceptsIsForgottenWhenAWorkerReportsIt() {
        String accessToken = (String) Calls.mintToken().get("access_token");
        String credential = Calls.credentialFor(accessToken);
        // Reported but still fine at Google: the permit is given.
        asService().body(Map.of("credential", credential, "token_rejected", true)).post("/api/v1/permits")
                .then().statusCode(org.hamcrest.Matchers.anyOf(is(200), is(429)));
        given().baseUri(TestEnvironment.emulator().baseUrl()).formParam("token", accessToken).post("/revoke").then().statusCode(200);
        asService().body(Map.of("credential", credential, "token_rejected", true)).post("/api/v1/permits")
                .then().statusCode(401).body("type", containsString("credential-revoked"));
        assertFalse(redis.key().exists("credential:" + credential), "the dead token is still kept");
        asService().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(401);
    }

    @Test
    void anEmptyBucketAnswers429WithHowLongToWaitAndTheWaitIsEnough() {
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        // Drain the bucket (600 QPM in tests: capacity 6, ~9.9/s) with 30 requests at once: some are refused.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        List<java.util.concurrent.Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(() -> asService().header("X-Caller-Id", "drainer").body(Map.of("credential", credential)).post("/api/v1/permits"));
        }
        Response refused = null;
        List<Integer> statuses = new ArrayList<>();
        try {
            for (java.util.concurrent.Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 429 && (refused == null || r.jsonPath().getLong("retry_after_ms") > refused.jsonPath().getLong("retry_after_ms"))) {
                    refused = r;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(refused != null, "never refused: " + statuses);
        refused.then().contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("retry_after_ms", greaterThan(0));
        long wait = refused.jsonPath().getLong("retry_after_ms");
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        assertTrue(wait <= 1000, "the caller's one reserved token matures within a second at ~9.9/s, was " + wait);

        // Coming back after the wait, the caller gets the token reserved for it.
        Instant due = Instant.now().plusMillis(wait);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> !Instant.now().isBefore(due));
        asService().header("X-Caller-Id", "drainer").body(Map.of("credential", credential)).post("/api/v1/permits")
                .then().statusCode(200);
    }

    @Test
    void metricsCountPermitsAndShowTheBucket() {
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        Calls.permit(credential).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("token_service_permits_granted_total"), "no granted counter");
        assertTrue(metrics.contains("token_service_quota_bucket_level"), "no bucket level");
        assertTrue(metrics.contains("token_service_permits_denied_total"), "no denied counter");
        assertFalse(metrics.contains(credential), "a credential reference is a metric label");
        assertEquals(-1, metrics.indexOf("ya29."), "a token in the metrics");
    }
}
