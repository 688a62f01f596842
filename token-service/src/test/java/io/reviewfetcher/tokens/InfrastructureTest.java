package io.reviewfetcher.tokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** token-service's two stores are the real servers: Redis for the quota, PostgreSQL for credentials. */
@QuarkusTest
class InfrastructureTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AgroalDataSource database;

    @Test
    void redisKeepsAValueAndItsExpiry() {
        String key = "test:round-trip:" + UUID.randomUUID();
        redis.value(String.class).set(key, "permit", new SetArgs().ex(60));
        assertEquals("permit", redis.value(String.class).get(key));
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
        redis.key().del(key);
    }

    @Test
    void postgresAnswersOnTheTestDatabase() throws Exception {
        try (Connection connection = database.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_database(), current_user")) {
            assertTrue(row.next());
            assertEquals("review_fetcher_test", row.getString(1));
            assertEquals("review_fetcher", row.getString(2));
        }
    }
}
