package io.reviewfetcher.tokens.quota;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The permits the bucket script records, and their read, against real Redis, each test with a bucket of its own. */
@QuarkusTest
class PermitHistoryTest {

    @Inject
    RedisDataSource redis;

    private final List<QuotaBucket> buckets = new ArrayList<>();

    private QuotaBucket bucket(int quota, Duration window) {
        QuotaBucket bucket = new QuotaBucket(redis, QuotaPlan.of(quota, window, Duration.ofMillis(500), Duration.ofMillis(50)),
                "test:history:" + UUID.randomUUID() + ":");
        buckets.add(bucket);
        return bucket;
    }

    /** The local Redis is shared: a test leaves none of its keys behind. */
    @AfterEach
    void deleteKeys() {
        for (QuotaBucket bucket : buckets) {
            redis.key().del(bucket.keys().toArray(String[]::new));
        }
    }

    @Test
    void grantedPermitsAreCountedInTheLastMinuteAndTheCurrentMinute() {
        // Capacity 6 and a slow refill (one token per ~6 s): exactly 6 permits, then refusals.
        QuotaBucket bucket = bucket(600, Duration.ofHours(1));
        PermitHistory history = new PermitHistory(redis, bucket);
        awayFromTheEndOfAMinute();
        for (int i = 0; i < 6; i++) {
            assertTrue(bucket.acquire("caller-" + i).granted(), "permit " + i);
        }
        // Refused (429): a reservation, not a call.
        assertFalse(bucket.acquire("a").granted());
        assertFalse(bucket.acquire("b").granted());
        assertFalse(bucket.acquire("a").granted());

        PermitHistory.Reading reading = history.read();
        assertEquals(6, reading.permitsLast60s());
        assertEquals(60, reading.perMinute().size());
        PermitHistory.Minute current = reading.perMinute().get(59);
        assertEquals(reading.measuredAt().truncatedTo(ChronoUnit.MINUTES), current.minute());
        assertEquals(6, current.permits());
        assertEquals(6, reading.perMinute().stream().mapToLong(PermitHistory.Minute::permits).sum());
        // Oldest first, one minute apart.
        for (int i = 1; i < 60; i++) {
            assertEquals(reading.perMinute().get(i - 1).minute().plusSeconds(60), reading.perMinute().get(i).minute());
        }
        // Two callers hold reserved tokens: the level is two below empty (read as the bucket would see it).
        assertTrue(reading.bucketLevel() < -1.5 && reading.bucketLevel() > -2.1, "level " + reading.bucketLevel());
    }

    @Test
    void aMaturedReservationCountsWhenItIsCollected() throws Exception {
        QuotaBucket bucket = bucket(60, Duration.ofSeconds(60)); // capacity 1, ~0.97/s
        PermitHistory history = new PermitHistory(redis, bucket);
        assertTrue(bucket.acquire("a").granted());
        QuotaDecision wait = bucket.acquire("a");
        assertFalse(wait.granted());
        assertEquals(1, history.read().permitsLast60s());
        TimeUnit.MILLISECONDS.sleep(wait.waitMillis());
        assertTrue(bucket.acquire("a").granted());
        assertEquals(2, history.read().permitsLast60s());
    }

    @Test
    void aBucketNeverUsedReadsAsNothingGrantedAndFull() {
        QuotaBucket bucket = bucket(600, Duration.ofHours(1));
        PermitHistory.Reading reading = new PermitHistory(redis, bucket).read();
        assertEquals(0, reading.permitsLast60s());
        assertEquals(60, reading.perMinute().size());
        assertTrue(reading.perMinute().stream().allMatch(m -> m.permits() == 0));
        assertEquals(6.0, reading.bucketLevel());
        // The read writes nothing: no refill stored, no key created.
        assertEquals(0, redis.key().exists(bucket.keys().toArray(String[]::new)));
    }

    @Test
    void countsOfAnEarlierLapAreNeitherReadNorAddedTo() {
        QuotaBucket bucket = bucket(600, Duration.ofHours(1));
        PermitHistory history = new PermitHistory(redis, bucket);
        List<String> keys = bucket.keys();
        // Every slot holds a count of 1970: slot i of a ring is second (or minute) i of the epoch.
        for (int slot = 0; slot < 120; slot++) {
            redis.hash(String.class).hset(keys.get(2), Map.of("t" + slot, Integer.toString(slot), "c" + slot, "99"));
        }
        for (int slot = 0; slot < 64; slot++) {
            redis.hash(String.class).hset(keys.get(3), Map.of("t" + slot, Integer.toString(slot), "c" + slot, "99"));
        }
        assertEquals(0, history.read().permitsLast60s());
        awayFromTheEndOfAMinute();
        assertTrue(bucket.acquire("a").granted());
        assertTrue(bucket.acquire("b").granted());
        PermitHistory.Reading reading = history.read();
        assertEquals(2, reading.permitsLast60s());
        assertEquals(2, reading.perMinute().get(59).permits());
        assertEquals(2, reading.perMinute().stream().mapToLong(PermitHistory.Minute::permits).sum());
    }

    @Test
    void theRecordExpiresWhenIdleAndStaysSmall() {
        QuotaBucket bucket = bucket(6000, Duration.ofHours(1)); // capacity 60
        for (int i = 0; i < 50; i++) {
            assertTrue(bucket.acquire("c" + i).granted());
        }
        for (String key : bucket.keys().subList(2, 4)) {
            long ttl = redis.key().ttl(key);
            assertTrue(ttl > 7000 && ttl <= 7200, key + " ttl " + ttl);
        }
        // Two fields a slot at most: 120 seconds, 64 minutes.
        assertTrue(redis.hash(String.class).hlen(bucket.keys().get(2)) <= 240);
        assertTrue(redis.hash(String.class).hlen(bucket.keys().get(3)) <= 128);
    }

    /** Within the last 5 s of a minute (Redis's clock), waits for the next: the test's permits then share one minute. */
    private void awayFromTheEndOfAMinute() {
        Instant now = redisNow();
        long secondOfMinute = now.getEpochSecond() % 60;
        if (secondOfMinute >= 55) {
            try {
                Thread.sleep((60 - secondOfMinute) * 1000 + 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Instant redisNow() {
        var time = redis.execute("TIME");
        return Instant.ofEpochSecond(time.get(0).toLong());
    }
}
