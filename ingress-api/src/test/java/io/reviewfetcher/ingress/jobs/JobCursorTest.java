package io.reviewfetcher.ingress.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job list's cursor: what it encodes comes back, it is URL-safe, and anything it did not write is refused without being repeated. */
class JobCursorTest {

    private static final String JOB = "6b3c1f0e-8a2d-4c5e-9f10-2a3b4c5d6e7f";

    @Test
    void aCursorComesBackAsItWasWritten() {
        JobCursor cursor = new JobCursor(1_732_100_130_120L, JOB);

        String text = cursor.encode();

        assertEquals(cursor, JobCursor.decode(text));
        assertTrue(text.matches("[A-Za-z0-9_-]+"), "base64url without padding: safe in a query string as it is");
        assertFalse(text.contains(JOB), "opaque: the id is not readable in it");
    }

    @Test
    void aCursorOfTheEpochAndOfAnotherIdFormComeBackToo() {
        assertEquals(new JobCursor(0, "a"), JobCursor.decode(new JobCursor(0, "a").encode()));
        assertEquals(new JobCursor(1, "job_id-1"), JobCursor.decode(new JobCursor(1, "job_id-1").encode()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "forged", "not base64!", "AQ", "AQAAAAAAAAAA"})
    void textNoListingWroteIsRefused(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JobCursor.decode(text));
        if (!text.isEmpty()) {
            assertFalse(refused.getMessage().contains(text), "the text is not repeated");
        }
    }

    @Test
    void anotherFormatANegativeTimeOrAnIdOfOtherCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobCursor.decode(raw((byte) 2, 1000, JOB)));
        assertThrows(IllegalArgumentException.class, () -> JobCursor.decode(raw((byte) 1, -1, JOB)));
        assertThrows(IllegalArgumentException.class, () -> JobCursor.decode(raw((byte) 1, 1000, "a b")));
        assertThrows(IllegalArgumentException.class, () -> JobCursor.decode(raw((byte) 1, 1000, "x".repeat(65))));
        assertEquals(new JobCursor(1000, JOB), JobCursor.decode(raw((byte) 1, 1000, JOB)));
    }

    private static String raw(byte format, long time, String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(9 + bytes.length).put(format).putLong(time).put(bytes).array());
    }
}
