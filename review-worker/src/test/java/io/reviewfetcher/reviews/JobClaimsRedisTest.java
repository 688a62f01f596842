package io.reviewfetcher.reviews;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.reviewfetcher.stage.dedup.JobClaims;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JobClaims' Lua script against the real Redis this worker uses, each test with a job of its own. */
@QuarkusTest
class JobClaimsRedisTest {

    @Inject
    ReactiveRedisDataSource redis;

    private final String job = "claims-test-" + UUID.randomUUID();

    private Set<String> claim(JobClaims claims, String owner, String... ids) {
        return claims.claim(job, owner, List.of(ids)).await().indefinitely();
    }

    @Test
    void theFirstOwnerWinsAndAnUnconfirmedClaimLapsesWhenItsPageNoLongerShowsTheId() {
        JobClaims reviews = new JobClaims(redis, JobClaims.Kind.REVIEWS);
        assertEquals(Set.of("r1", "r2"), claim(reviews, "reviews:9:1", "r1", "r2"));
        assertEquals(Set.of("r3"), claim(reviews, "reviews:9:2", "r2", "r3"), "r2 is page 1's, provisional or not");
        assertEquals(Set.of("r1"), claim(reviews, "reviews:9:1", "r1"), "page 1 delivered again without r2");
        assertEquals(Set.of("r2", "r3"), claim(reviews, "reviews:9:2", "r2", "r3"), "r2 lapsed: page 2 owns it now");
    }

    @Test
    void aConfirmedClaimStaysWithItsOwnerAndAnEmptyClaimFreesOnlyProvisionalOnes() {
        JobClaims reviews = new JobClaims(redis, JobClaims.Kind.REVIEWS);
        claim(reviews, "reviews:9:1", "r1");
        reviews.confirm(job, "reviews:9:1").await().indefinitely();
        claim(reviews, "reviews:9:2", "r2");
        assertEquals(Set.of(), claim(reviews, "reviews:9:1"));
        assertEquals(Set.of(), claim(reviews, "reviews:9:2"));
        assertEquals(Set.of("r2"), claim(reviews, "reviews:9:3", "r1", "r2"), "r1 confirmed stays, r2 was freed");
    }

    @Test
    void theBookIsOneKeyKeptEightDays() {
        JobClaims locations = new JobClaims(redis, JobClaims.Kind.LOCATIONS);
        claim(locations, "locations:7", "9");
        long ttl = redis.key().ttl("rf:cl:" + job).await().indefinitely();
        assertTrue(ttl > 691_000 && ttl <= 691_200, "ttl " + ttl);
        assertEquals(List.of("rf:cl:" + job), redis.key().keys("rf:cl:" + job + "*").await().indefinitely());
    }
}
