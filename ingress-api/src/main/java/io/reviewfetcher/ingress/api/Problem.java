package io.reviewfetcher.ingress.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * An RFC 9457 problem detail, the project's error format. It travels inside {@code Response} entities,
 * which Quarkus cannot trace at build time, hence registered for reflection (native JSON). Details are
 * written by this service and never contain a token, a key or the rejected value.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://review-fetcher.io/problems/";

    /** One invalid field: its JSON name (dotted path) and what is wrong with it, never its value. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(BASE + slug, title, status, detail, null);
    }

    public static Problem invalidField(int status, String field, String message) {
        return new Problem(BASE + (status == 400 ? "malformed-body" : "invalid-request"),
                status == 400 ? "Malformed body" : "Invalid request", status, field + " " + message,
                List.of(new FieldError(field, message)));
    }

    /** A bad path or query parameter. */
    public static Problem invalidParameter(String name, String message) {
        return new Problem(BASE + "invalid-parameter", "Invalid parameter", 400, name + " " + message,
                List.of(new FieldError(name, message)));
    }

    public static Problem invalidFields(List<FieldError> errors) {
        String detail = String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList());
        return new Problem(BASE + "invalid-request", "Invalid request", 422, detail, List.copyOf(errors));
    }
}
