package io.reviewfetcher.tokens.clients;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The JSON of {@code /clients}: snake_case; the secret is write-only. */
public final class ClientJson {

    static final String GOOGLE_CLIENT_ID = "[A-Za-z0-9._-]{1,255}";
    static final String NO_WHITESPACE = "\\S{1,512}";

    private ClientJson() {
    }

    public record Create(
            @JsonProperty("client_id") @NotBlank @Pattern(regexp = GOOGLE_CLIENT_ID, message = "must be a Google OAuth client id (letters, digits, '.', '_', '-')")
            String clientId,
            @JsonProperty("client_secret") @NotBlank @Pattern(regexp = NO_WHITESPACE, message = "must be 1-512 characters without spaces")
            String clientSecret,
            @JsonProperty("redirect_uri") @NotBlank @Size(max = 2048) @RedirectUri
            String redirectUri,
            @JsonProperty("name") @Size(max = 255)
            String name) {

        @Override
        public String toString() {
            return "Create[clientId=" + clientId + "]";
        }
    }

    /** PATCH: absent or null fields stay as they are. */
    public record Update(
            @JsonProperty("client_id") String clientId,
            @JsonProperty("client_secret") @Pattern(regexp = NO_WHITESPACE, message = "must be 1-512 characters without spaces")
            String clientSecret,
            @JsonProperty("redirect_uri") @Size(max = 2048) @RedirectUri
            String redirectUri,
            @JsonProperty("name") @Size(max = 255)
            String name,
            @JsonProperty("is_active") Boolean active) {

        @Override
        public String toString() {
            return "Update[redirectUri=" + redirectUri + "]";
        }
    }

    /**
     * A client as operators see it. {@code needs_attention}: Google's token endpoint refuses its credentials
     * ({@code attention_reason}: {@code invalid_client} or {@code unauthorized_client}, since {@code attention_since});
     * its jobs fail with {@code client-misconfigured} until a PATCH corrects it.
     */
    public record View(
            long id,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("redirect_uri") String redirectUri,
            String name,
            @JsonProperty("is_active") boolean active,
            @JsonProperty("needs_attention") boolean needsAttention,
            @JsonProperty("attention_reason") String attentionReason,
            @JsonProperty("attention_since") Instant attentionSince,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static View of(Client client) {
            return new View(client.id(), client.googleClientId(), client.redirectUri(), client.name(), client.active(),
                    client.needsAttention(), client.attentionReason(), client.attentionSince(), client.createdAt(),
                    client.updatedAt());
        }
    }
}
