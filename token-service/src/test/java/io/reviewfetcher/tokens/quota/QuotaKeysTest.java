package io.reviewfetcher.tokens.quota;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bucket's script touches all its keys in one call, which Redis Cluster allows only for keys in one hash slot:
 * they share a hash tag, whatever the configured prefix. Slots computed as Redis Cluster computes them.
 */
class QuotaKeysTest {
    private static final QuotaPlan PLAN = QuotaPlan.of(300, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(1));

    private static List<String> keys(String prefix) {
        return new QuotaBucket(null, PLAN, prefix).keys();
    }

    @Test
    void theDefaultKeysShareTheQuotaHashTag() {
        assertEquals(List.of("{quota}:bucket", "{quota}:waiting", "{quota}:granted-seconds", "{quota}:granted-minutes"),
                keys("quota:"));
        assertOneSlot(keys("quota:"));
    }

    @Test
    void anyPrefixBecomesTheirHashTag() {
        for (String prefix : List.of("test:quota:3f1c:", "tenant-a", "{already}:", "x:")) {
            assertOneSlot(keys(prefix));
        }
        assertEquals(List.of("{test:quota:3f1c}:bucket", "{test:quota:3f1c}:waiting", "{test:quota:3f1c}:granted-seconds",
                "{test:quota:3f1c}:granted-minutes"), keys("test:quota:3f1c:"));
    }

    private static void assertOneSlot(List<String> keys) {
        for (String key : keys) {
            assertEquals(slot(keys.get(0)), slot(key), keys.toString());
        }
    }

    @Test
    void theSlotArithmeticIsRedisClusters() {
        // Redis Cluster's specification: CRC16 (XMODEM) of "123456789" is 0x31C3.
        assertEquals(0x31C3 & 16383, slot("123456789"));
        assertEquals(slot("{user1000}.following"), slot("{user1000}.followers"));
    }

    /** HASH_SLOT = CRC16(key or its hash tag) mod 16384; the tag is what lies between the first { and the next }. */
    static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        int crc = 0;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc & 16383;
    }
}
