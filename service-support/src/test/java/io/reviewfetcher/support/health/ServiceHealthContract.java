package io.reviewfetcher.support.health;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

/**
 * What every service shows on its health and metrics endpoints when it started against the real local
 * infrastructure. Each service's {@code @QuarkusTest ServiceHealthTest} extends it and names the
 * readiness checks its dependencies bring.
 */
public abstract class ServiceHealthContract {

    /** The names of the readiness checks this service must report UP, e.g. {@code Kafka connection health check}. */
    protected abstract String[] readinessChecks();

    @Test
    void isLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void isReadyBecauseItsDependenciesAnswer() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItems(readinessChecks()))
                .body("checks.status", everyItem(is("UP")));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
