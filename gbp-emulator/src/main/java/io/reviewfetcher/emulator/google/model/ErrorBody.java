package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * Google's error envelope: a google.rpc.Status as JSON plus the legacy {@code errors[]} list.
 * Serialised by hand, hence registered.
 */
@RegisterForReflection
public record ErrorBody(Error error) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Error(int code, String message, List<LegacyError> errors, String status, List<Object> details) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record LegacyError(String message, String domain, String reason, String location, String locationType) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ErrorInfo(@JsonProperty("@type") String type, String reason, String domain,
                            Map<String, String> metadata) {
        public ErrorInfo(String reason, String domain, Map<String, String> metadata) {
            this("type.googleapis.com/google.rpc.ErrorInfo", reason, domain, metadata);
        }
    }

    @RegisterForReflection
    public record BadRequest(@JsonProperty("@type") String type, List<FieldViolation> fieldViolations) {
        public BadRequest(List<FieldViolation> fieldViolations) {
            this("type.googleapis.com/google.rpc.BadRequest", fieldViolations);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FieldViolation(String field, String description) {
    }

    @RegisterForReflection
    public record Help(@JsonProperty("@type") String type, List<Link> links) {
        public Help(List<Link> links) {
            this("type.googleapis.com/google.rpc.Help", links);
        }
    }

    @RegisterForReflection
    public record Link(String description, String url) {
    }

    @RegisterForReflection
    public record RetryInfo(@JsonProperty("@type") String type, String retryDelay) {
        public RetryInfo(String retryDelay) {
            this("type.googleapis.com/google.rpc.RetryInfo", retryDelay);
        }
    }
}
