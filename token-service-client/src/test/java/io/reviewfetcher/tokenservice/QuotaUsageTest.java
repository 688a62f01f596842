package io.reviewfetcher.tokenservice;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The record reads token-service's {@code GET /admin/quota} as its README documents it. */
class QuotaUsageTest {

    @Test
    void readsTheDocumentedAnswer() throws Exception {
        String json = """
                {"quota_per_minute": 300, "window_seconds": 60, "permits_last_60s": 123, "bucket_level": -1.5,
                 "bucket_capacity": 3, "measured_at": "2026-12-01T13:01:12.345Z",
                 "per_minute": [{"minute": "2026-12-01T13:00:00Z", "permits": 250}, {"minute": "2026-12-01T13:01:00Z", "permits": 61}]}
                """;
        QuotaUsage usage = new ObjectMapper().findAndRegisterModules().readValue(json, QuotaUsage.class);
        assertEquals(300, usage.quotaPerMinute());
        assertEquals(60, usage.windowSeconds());
        assertEquals(123, usage.permitsLast60s());
        assertEquals(-1.5, usage.bucketLevel());
        assertEquals(3, usage.bucketCapacity());
        assertEquals(Instant.parse("2026-12-01T13:01:12.345Z"), usage.measuredAt());
        assertEquals(new QuotaUsage.Minute(Instant.parse("2026-12-01T13:00:00Z"), 250), usage.perMinute().get(0));
        assertEquals(61, usage.perMinute().get(1).permits());
    }
}
