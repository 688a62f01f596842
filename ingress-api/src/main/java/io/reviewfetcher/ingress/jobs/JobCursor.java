package io.reviewfetcher.ingress.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a job listing stopped: the last job it examined, by its place in the index (submitted time in epoch ms, and
 * job id for jobs of the same millisecond); the next page starts after it. Opaque to callers: base64url of a format
 * byte, the time and the id's bytes. It names a place, not a page, so it stays valid as jobs are added (newer ones do
 * not shift it) and means the same on every pod.
 */
record JobCursor(long submittedAt, String jobId) {

    private static final byte FORMAT = 1;
    /** What a job id may look like: the ids this service makes are UUIDs. */
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    String encode() {
        byte[] id = jobId.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(1 + Long.BYTES + id.length).put(FORMAT).putLong(submittedAt).put(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws IllegalArgumentException when the text is not a cursor this class wrote (the text is not repeated) */
    static JobCursor decode(String cursor) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        if (raw.length <= 1 + Long.BYTES || raw[0] != FORMAT) {
            throw invalid();
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw, 1, raw.length - 1);
        long submittedAt = bytes.getLong();
        String jobId = new String(raw, 1 + Long.BYTES, raw.length - 1 - Long.BYTES, StandardCharsets.US_ASCII);
        if (submittedAt < 0 || !JOB_ID.matcher(jobId).matches()) {
            throw invalid();
        }
        return new JobCursor(submittedAt, jobId);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException("cursor is not one this API handed out");
    }
}
