package io.reviewfetcher.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.failures.GoogleApiException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads Google's {@code {"error": {code, message, status, details}}} envelope into a {@link GoogleApiException},
 * which says itself whether another try can succeed. The one place that reads how long Google asks us to wait:
 * the {@code Retry-After} header (seconds) or else a {@code google.rpc.RetryInfo} detail; and which request
 * fields a {@code google.rpc.BadRequest} detail names (a refused {@code page_token} restarts a walk).
 */
public class GoogleErrorMapper implements ResponseExceptionMapper<GoogleApiException> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;
    /** A field path as Google names one; anything else is not kept (it goes into logs and dead letters). */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.\\[\\]]{1,64}");
    private static final int MAX_BAD_FIELDS = 5;

    @Override
    public GoogleApiException toThrowable(Response response) {
        String status = Response.Status.Family.familyOf(response.getStatus()).name();
        String reason = null;
        String message = "";
        Long retryAfterMs = retryAfterHeader(response.getHeaderString(HttpHeaders.RETRY_AFTER));
        List<String> badFields = new ArrayList<>();
        try {
            JsonNode error = JSON.readTree(response.readEntity(String.class)).path("error");
            status = error.path("status").asText(status);
            message = error.path("message").asText("");
            for (JsonNode detail : error.path("details")) {
                String type = detail.path("@type").asText("");
                if (type.endsWith("google.rpc.ErrorInfo")) {
                    reason = detail.path("reason").asText(null);
                } else if (type.endsWith("google.rpc.RetryInfo") && retryAfterMs == null) {
                    retryAfterMs = protoDuration(detail.path("retryDelay").asText(""));
                } else if (type.endsWith("google.rpc.BadRequest")) {
                    for (JsonNode violation : detail.path("fieldViolations")) {
                        String field = violation.path("field").asText("");
                        if (FIELD.matcher(field).matches() && !badFields.contains(field) && badFields.size() < MAX_BAD_FIELDS) {
                            badFields.add(field);
                        }
                    }
                }
            }
        } catch (Exception notGoogleJson) {
            message = "unreadable error body";
        }
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        return new GoogleApiException(response.getStatus(), status, reason, message, retryAfterMs, badFields);
    }

    /** Seconds; an HTTP-date is not honoured (retry-service's own backoff applies). */
    private static Long retryAfterHeader(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim()) * 1000;
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }

    /** proto3 Duration JSON: {@code "53s"} or {@code "1.5s"}. */
    private static Long protoDuration(String value) {
        if (!value.endsWith("s")) {
            return null;
        }
        try {
            return Duration.parse("PT" + value.toUpperCase()).toMillis();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
