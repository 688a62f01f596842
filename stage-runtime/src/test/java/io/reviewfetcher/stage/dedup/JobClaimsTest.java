package io.reviewfetcher.stage.dedup;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the claims send to Redis: a short key per job and kind, kept as long as Kafka can bring a record back. */
class JobClaimsTest {
    private final FakeRedis redis = new FakeRedis();
    private final JobClaims reviews = new JobClaims(redis.dataSource(), JobClaims.Kind.REVIEWS);
    private final JobClaims locations = new JobClaims(redis.dataSource(), JobClaims.Kind.LOCATIONS);

    private Set<String> claim(JobClaims claims, String owner, String... ids) {
        return claims.claim("job-1", owner, List.of(ids)).await().indefinitely();
    }

    @Test
    void eachKindHasAShortKeyPerJobKeptEightDays() {
        claim(reviews, "reviews:9:1", "r1");
        claim(locations, "locations:7", "9");
        assertEquals(Map.of("rf:cr:job-1", Map.of("r1", "reviews:9:1", "/p/reviews:9:1", "r1"),
                "rf:cl:job-1", Map.of("9", "locations:7", "/p/locations:7", "9")), redis.hashes);
        assertEquals(Map.of("rf:cr:job-1", 691_200L, "rf:cl:job-1", 691_200L), redis.ttlSeconds);
    }

    @Test
    void theFirstOwnerWinsAndMayClaimAgain() {
        assertEquals(Set.of("r1", "r2"), claim(reviews, "reviews:9:1", "r1", "r2"));
        assertEquals(Set.of("r3"), claim(reviews, "reviews:9:2", "r2", "r3"));
        assertEquals(Set.of("r1", "r2"), claim(reviews, "reviews:9:1", "r1", "r2"), "a redelivered page owns what it owned");
    }

    @Test
    void aClaimMadeUnderTheOldKeyIsStillHonoured() {
        // A job begun before the rename: its claims are in rf:job:<job>:reviews, written by the release before.
        redis.hashes.put("rf:job:job-1:reviews", Map.of("r1", "reviews:9:1", "r2", "reviews:9:2"));
        assertEquals(Set.of("r2", "r3"), claim(reviews, "reviews:9:2", "r1", "r2", "r3"),
                "r1 belongs to another page, r2 to this one, r3 to nobody yet");
        assertFalse(redis.hashes.get("rf:cr:job-1").containsKey("r1"), "nothing claimed past the old owner");
        assertEquals(Set.of("r1"), claim(reviews, "reviews:9:1", "r1"), "the old owner keeps it");
    }

    @Test
    void aClaimNotConfirmedLapsesWhenItsOwnerNoLongerMeetsTheId() {
        claim(reviews, "reviews:9:1", "r1", "r2");
        assertEquals(Set.of("r1"), claim(reviews, "reviews:9:1", "r1"), "delivered again, the page no longer shows r2");
        assertEquals(Set.of("r2"), claim(reviews, "reviews:9:2", "r2"), "so the next page owns it");
    }

    @Test
    void aConfirmedClaimNeverLapses() {
        claim(reviews, "reviews:9:1", "r1", "r2");
        reviews.confirm("job-1", "reviews:9:1").await().indefinitely();
        assertEquals(Set.of(), claim(reviews, "reviews:9:1"));
        assertEquals(Set.of(), claim(reviews, "reviews:9:2", "r2"));
    }

    @Test
    void nothingToClaimStillFreesTheOwnersProvisionalClaimsWithoutReadingTheOldKey() {
        claim(reviews, "reviews:9:1", "r1");
        redis.commands.clear();
        assertEquals(Set.of(), claim(reviews, "reviews:9:1"));
        assertEquals(List.of("EVALSHA"), redis.commands.stream().map(command -> command.get(0)).toList());
        assertEquals(Set.of("r1"), claim(reviews, "reviews:9:2", "r1"));
    }
}
