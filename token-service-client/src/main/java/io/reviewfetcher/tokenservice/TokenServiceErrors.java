package io.reviewfetcher.tokenservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.failures.CredentialRejected;
import io.reviewfetcher.failures.QuotaWait;
import io.reviewfetcher.failures.ServiceKeyRefused;
import io.reviewfetcher.failures.TokenServiceUnavailable;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * token-service's error answers as failures of known types: 429 = the quota bucket is empty (wait);
 * 401 {@code unauthorized} = our own service key was refused; 400/401/403/404 otherwise = the credential
 * (or submitted token) is unknown, invalid, expired or revoked; anything else = token-service is unavailable.
 */
public class TokenServiceErrors implements ResponseExceptionMapper<RuntimeException> {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long DEFAULT_WAIT_MS = 1000;

    @Override
    public RuntimeException toThrowable(Response response) {
        int status = response.getStatus();
        JsonNode problem = problem(response);
        if (status == 429) {
            return new QuotaWait(retryAfterMs(problem, response.getHeaderString(HttpHeaders.RETRY_AFTER)));
        }
        String type = problem.path("type").asText("");
        String slug = type.substring(type.lastIndexOf('/') + 1);
        if (status == 401 && "unauthorized".equals(slug)) {
            return new ServiceKeyRefused();
        }
        if (status == 400 || status == 401 || status == 403 || status == 404) {
            return new CredentialRejected(status, slug);
        }
        return new TokenServiceUnavailable(status, Integer.toString(status));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static JsonNode problem(Response response) {
        try {
            return response.hasEntity() ? JSON.readTree(response.readEntity(String.class)) : JSON.createObjectNode();
        } catch (Exception notJson) {
            return JSON.createObjectNode();
        }
    }

    /** token-service's {@code retry_after_ms}, else the Retry-After header in seconds, else one second. */
    static long retryAfterMs(JsonNode problem, String header) {
        long fromBody = problem.path("retry_after_ms").asLong(-1);
        if (fromBody >= 0) {
            return fromBody;
        }
        try {
            return header == null ? DEFAULT_WAIT_MS : Long.parseLong(header.trim()) * 1000;
        } catch (NumberFormatException e) {
            return DEFAULT_WAIT_MS;
        }
    }
}
