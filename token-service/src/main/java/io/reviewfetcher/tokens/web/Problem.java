package io.reviewfetcher.tokens.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem detail, the project's error format. It travels inside {@code Response} entities,
 * which Quarkus cannot trace at build time, hence registered for reflection (native JSON).
 * Details are written by this service and never contain a token, secret or the rejected value.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonProperty("retry_after_ms") Long retryAfterMs,
        @JsonProperty("reconnect_url") String reconnectUrl,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://review-fetcher.io/problems/";

    /** One invalid field: its JSON name and what is wrong (never the value). */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null, null);
    }

    public Problem withRetryAfterMs(long ms) {
        return new Problem(type, title, status, detail, ms, reconnectUrl, errors);
    }

    public Problem withReconnectUrl(String url) {
        return new Problem(type, title, status, detail, retryAfterMs, url, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, retryAfterMs, reconnectUrl, fieldErrors);
    }
}
