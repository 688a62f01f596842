package io.reviewfetcher.reviews;

import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.support.health.ServiceHealthContract;

/** The service starts against the real local infrastructure and says so on its health and metrics endpoints. */
@QuarkusTest
class ServiceHealthTest extends ServiceHealthContract {

    @Override
    protected String[] readinessChecks() {
        return new String[] {"Kafka connection health check", "Redis connection health check", "Reactive PostgreSQL connections health check",
                "token-service accepts this worker's key"};
    }
}
