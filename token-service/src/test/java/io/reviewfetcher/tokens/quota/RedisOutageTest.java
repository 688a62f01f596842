package io.reviewfetcher.tokens.quota;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reviewfetcher.tokens.support.Calls;
import io.reviewfetcher.tokens.support.PrivateEmulator;
import io.reviewfetcher.tokens.support.PrivateRedis;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static io.reviewfetcher.tokens.support.Calls.asService;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/** Without Redis no permit is given (fail closed); when Redis returns, permits return by themselves. */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
class RedisOutageTest {

    static final PrivateRedis REDIS = new PrivateRedis(PrivateEmulator.freePort());

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Lifecycle.class));
        }
    }

    public static class Lifecycle implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            REDIS.start();
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS.port(),
                    "quarkus.redis.timeout", "2s");
        }

        @Override
        public void stop() {
            REDIS.stop();
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void failsClosedWhileRedisIsDownAndRecoversAlone() {
        String credential = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
        Calls.permit(credential).then().statusCode(200);

        // Redis forgot the script (restart, SCRIPT FLUSH): the bucket loads it again.
        redis.execute("SCRIPT", "FLUSH");
        Calls.permit(credential).then().statusCode(200);

        REDIS.stop();
        asService().body(Map.of("credential", credential)).post("/api/v1/permits").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue()).body("status", is(503));
        asService().body(Map.of("access_token", (String) Calls.mintToken().get("access_token"))).post("/api/v1/credentials")
                .then().statusCode(503);
        given().get("/q/health/ready").then().statusCode(503);
        // The operator console's read of the quota answers too: 503, not a 500 or a hang.
        asAdmin().get("/admin/quota").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue());

        REDIS.start();
        // The restarted Redis is empty (no persistence here): a new credential, then permits flow again.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String fresh = Calls.credentialFor((String) Calls.mintToken().get("access_token"));
            Calls.permit(fresh).then().statusCode(200);
        });
        given().get("/q/health/ready").then().statusCode(200);
    }
}
