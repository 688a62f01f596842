package io.reviewfetcher.ingress.credentials;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.reviewfetcher.events.EventCodec;
import io.reviewfetcher.events.FetchAccounts;
import io.reviewfetcher.events.Topics;
import io.reviewfetcher.ingress.support.KafkaTopics;
import io.reviewfetcher.ingress.support.TestEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The access-token path against the real pieces: the gbp-emulator as Google (tokeninfo) on 8089 and
 * token-service on 8081 (TOKEN_SERVICE_URL), which takes this service's key (INGRESS_SERVICE_API_KEY, else
 * SERVICE_API_KEY) on /api/v1/credentials, as deploy/local/test.sh starts them. A token Google accepts becomes
 * a {@code cred:} reference on fetch-accounts; a token it refuses, or one without the business.manage scope, is
 * the submitter's 401.
 */
@QuarkusTest
class RealTokenServiceTest {

    // Set to nothing is unset, as for the services (EmptyAsUnset).
    private static final String EMULATOR = java.util.Optional.ofNullable(System.getenv("GOOGLE_API_BASE_URL"))
            .filter(url -> !url.isBlank()).orElse("http://127.0.0.1:8089");
    private static final String TOKEN_SERVICE = System.getenv().getOrDefault("TOKEN_SERVICE_URL", "http://127.0.0.1:8081");

    @BeforeAll
    static void theEmulatorAndTokenServiceRun() {
        for (String url : List.of(EMULATOR + "/q/health/ready", TOKEN_SERVICE + "/q/health/ready")) {
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), url + " is not ready");
            } catch (Exception e) {
                fail(url + " does not answer: start gbp-emulator and token-service (deploy/local/stack.sh up gbp-emulator token-service)");
            }
        }
    }

    private static String mintToken(String scope) {
        return RestAssured.given().baseUri(EMULATOR).contentType("application/json")
                .body(scope == null ? "" : "{\"scope\":\"" + scope + "\"}")
                .post("/emulator/tokens").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aTokenGoogleAcceptsBecomesACredentialReference() {
        String token = mintToken(null);
        Instant before = Instant.now().minusSeconds(1);
        String jobId = given().contentType("application/json").header("Authorization", "Bearer " + token).body("{}")
                .post("/api/v1/review-fetch").then().statusCode(202).body("status", is("queued")).extract().path("job_id");
        List<ConsumerRecord<String, byte[]>> records = KafkaTopics.recordsByKey(Topics.FETCH_ACCOUNTS, jobId, before, 1, Duration.ofSeconds(20));
        assertEquals(1, records.size());
        assertFalse(new String(records.get(0).value(), StandardCharsets.UTF_8).contains(token));
        FetchAccounts job = EventCodec.decode(records.get(0).value(), FetchAccounts.class);
        assertTrue(job.credential().startsWith("cred:"), "a token-service reference");
    }

    @Test
    void aTokenGoogleRefusesIsUnauthorized() {
        given().contentType("application/json").body("{\"access_token\":\"ya29.unknown-" + TestEnvironment.randomHex(16) + "\"}")
                .post("/api/v1/review-fetch").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutTheBusinessScopeIsUnauthorized() {
        String token = mintToken("openid email");
        given().contentType("application/json").header("Authorization", "Bearer " + token).body("{}")
                .post("/api/v1/review-fetch").then().statusCode(401).contentType("application/problem+json");
    }
}
