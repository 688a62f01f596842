package io.reviewfetcher.tokens.grants;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** {@code GET /tokens/client/{client_id}}: the state of a client's grant, without any token. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenStatus(
        @JsonProperty("client_id") long clientId,
        @JsonProperty("has_token") boolean hasToken,
        @JsonProperty("is_valid") boolean valid,
        @JsonProperty("expires_at") Instant expiresAt,
        @JsonProperty("has_refresh_token") boolean hasRefreshToken,
        String scope,
        @JsonProperty("invalid_reason") String invalidReason,
        @JsonProperty("refresh_count") int refreshCount,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("updated_at") Instant updatedAt) {
}
