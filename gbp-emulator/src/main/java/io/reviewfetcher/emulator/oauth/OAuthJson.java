package io.reviewfetcher.emulator.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * JSON answers of Google's OAuth endpoints (snake_case, as Google sends them). They travel inside
 * {@code Response} entities, which Quarkus cannot trace, hence registered for reflection.
 */
public final class OAuthJson {

    private OAuthJson() {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn,
            @JsonProperty("refresh_token") String refreshToken,
            @JsonProperty("scope") String scope,
            @JsonProperty("token_type") String tokenType) {
    }

    @RegisterForReflection
    public record Error(@JsonProperty("error") String error,
                        @JsonProperty("error_description") String errorDescription) {
    }

    /** tokeninfo: Google sends exp and expires_in as strings. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenInfo(
            @JsonProperty("azp") String azp,
            @JsonProperty("aud") String aud,
            @JsonProperty("sub") String sub,
            @JsonProperty("scope") String scope,
            @JsonProperty("exp") String exp,
            @JsonProperty("expires_in") String expiresIn,
            @JsonProperty("email") String email,
            @JsonProperty("email_verified") String emailVerified,
            @JsonProperty("access_type") String accessType) {
    }
}
