package io.reviewfetcher.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail, every service's error format. It travels inside {@code Response} entities,
 * which Quarkus cannot trace at build time, hence registered for reflection (native JSON). Details are
 * written by the services and never contain a token, a key or the rejected value.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
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

    /** One invalid field: its JSON name (dotted path) and what is wrong with it, never its value. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null, null, null);
    }

    /** One bad field of a body: 400 when the body cannot be read as the type, 422 when a value is invalid. */
    public static Problem invalidField(int status, String field, String message) {
        return of(status, status == 400 ? "malformed-body" : "invalid-request", status == 400 ? "Malformed body" : "Invalid request",
                field + " " + message).withErrors(List.of(new FieldError(field, message)));
    }

    /** A bad path or query parameter. */
    public static Problem invalidParameter(String name, String message) {
        return of(400, "invalid-parameter", "Invalid parameter", name + " " + message)
                .withErrors(List.of(new FieldError(name, message)));
    }

    /** Several bad fields at once, with the given status (400 or 422). */
    public static Problem invalidFields(int status, List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return of(status, "invalid-request", "Invalid request", detail).withErrors(List.copyOf(errors));
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

    /** The last segment of {@link #type()}, e.g. {@code invalid-access-token}. */
    public String slug() {
        return type == null ? "" : type.substring(type.lastIndexOf('/') + 1);
    }
}
