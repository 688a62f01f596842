package io.reviewfetcher.permits;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** 429 = the quota bucket is empty (wait); 401/404 = the credential is unknown, expired or revoked. */
public class PermitErrorMapper implements ResponseExceptionMapper<RuntimeException> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long DEFAULT_WAIT_MS = 1000;

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        if (status == 429) {
            return new QuotaWait(retryAfterMs(response));
        }
        if (status == 401 || status == 403 || status == 404) {
            return new CredentialRejected(status);
        }
        return new TokenServiceUnavailable(status);
    }

    private static long retryAfterMs(Response response) {
        try {
            long fromBody = JSON.readTree(response.readEntity(String.class)).path("retry_after_ms").asLong(-1);
            if (fromBody >= 0) {
                return fromBody;
            }
        } catch (Exception ignored) {
            // fall back to the header
        }
        String header = response.getHeaderString(HttpHeaders.RETRY_AFTER);
        try {
            return header == null ? DEFAULT_WAIT_MS : Long.parseLong(header.trim()) * 1000;
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT_MS;
        }
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    /** The bucket is empty: ask again after {@link #waitMs()}. */
    public static final class QuotaWait extends RuntimeException {
        private final long waitMs;

        QuotaWait(long waitMs) {
            super("quota bucket empty, retry in " + waitMs + " ms", null, false, false);
            this.waitMs = waitMs;
        }

        public long waitMs() {
            return waitMs;
        }
    }

    /** token-service does not know, or no longer accepts, the credential: a permanent failure. */
    public static final class CredentialRejected extends RuntimeException {
        private final int httpStatus;

        CredentialRejected(int httpStatus) {
            super("token-service rejected the credential (" + httpStatus + ")");
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /** token-service or its Redis is down (5xx): retryable. */
    public static final class TokenServiceUnavailable extends RuntimeException {
        private final int httpStatus;

        TokenServiceUnavailable(int httpStatus) {
            super("token-service unavailable (" + httpStatus + ")");
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
