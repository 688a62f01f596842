package io.reviewfetcher.tokens.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's OAuth endpoints (or the emulator's, with {@code GOOGLE_API_BASE_URL}). Plain JDK HTTP on purpose:
 * every token travels in a form body, never in a URL, and nothing here logs a request, a body or a URL,
 * so a token cannot reach a log through a client library's debug output or exception message.
 */
@ApplicationScoped
public class GoogleOAuth {

    private static final String ACCOUNTS_HOST = "https://accounts.google.com";
    private static final String OAUTH_HOST = "https://oauth2.googleapis.com";

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final String authorizationEndpoint;
    private final String tokenEndpoint;
    private final String tokenInfoEndpoint;
    private final String revokeEndpoint;

    public GoogleOAuth(TokenServiceConfig config, ObjectMapper json) {
        this.json = json;
        this.timeout = config.google().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        String base = config.google().apiBaseUrl().map(GoogleOAuth::trimSlash).orElse(null);
        this.authorizationEndpoint = (base != null ? base : ACCOUNTS_HOST) + "/o/oauth2/v2/auth";
        this.tokenEndpoint = (base != null ? base : OAUTH_HOST) + "/token";
        this.tokenInfoEndpoint = (base != null ? base : OAUTH_HOST) + "/tokeninfo";
        this.revokeEndpoint = (base != null ? base : OAUTH_HOST) + "/revoke";
    }

    /** Where the user's browser goes to consent. */
    public String authorizationEndpoint() {
        return authorizationEndpoint;
    }

    /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
    public GrantedTokens exchangeCode(String clientId, String clientSecret, String code, String redirectUri,
                                      String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        return granted(post(tokenEndpoint, form));
    }

    /** A new access token from a refresh token. */
    public GrantedTokens refresh(String clientId, String clientSecret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refreshToken);
        return granted(post(tokenEndpoint, form));
    }

    /** What Google knows about an access token: its remaining lifetime and scope. */
    public TokenInfo tokenInfo(String accessToken) {
        JsonNode body = post(tokenInfoEndpoint, Map.of("access_token", accessToken));
        long expiresIn = body.path("expires_in").asLong(-1);
        if (expiresIn < 0) {
            throw new GoogleOAuthException(502, "bad_response", "tokeninfo answered without expires_in");
        }
        return new TokenInfo(expiresIn, body.path("scope").asText(""), body.path("aud").asText(""));
    }

    /** Revokes the grant behind a token; false when Google says the token was already dead. */
    public boolean revoke(String token) {
        try {
            post(revokeEndpoint, Map.of("token", token));
            return true;
        } catch (GoogleOAuthException e) {
            if (e.status() == 400) {
                return false;
            }
            throw e;
        }
    }

    private GrantedTokens granted(JsonNode body) {
        String access = body.path("access_token").asText(null);
        long expiresIn = body.path("expires_in").asLong(-1);
        if (access == null || expiresIn < 0) {
            throw new GoogleOAuthException(502, "bad_response", "the token endpoint answered without access_token or expires_in");
        }
        return new GrantedTokens(access, body.path("refresh_token").asText(null), expiresIn, body.path("scope").asText(""));
    }

    private JsonNode post(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GoogleOAuthException(0, "unreachable", "Google's OAuth endpoint did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GoogleOAuthException(0, "interrupted", "interrupted while calling Google's OAuth endpoint");
        }
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            parsed = json.createObjectNode();
        }
        if (response.statusCode() / 100 != 2) {
            // Google's error and error_description are fixed words ("invalid_grant", "Bad Request"), never a token.
            throw new GoogleOAuthException(response.statusCode(), parsed.path("error").asText("http_" + response.statusCode()),
                    parsed.path("error_description").asText(""));
        }
        return parsed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** What the token endpoint grants; {@code refreshToken} is null when Google sends none. */
    public record GrantedTokens(String accessToken, String refreshToken, long expiresInSeconds, String scope) {
        @Override
        public String toString() {
            return "GrantedTokens[expiresIn=" + expiresInSeconds + ", scope=" + scope + "]";
        }
    }

    public record TokenInfo(long expiresInSeconds, String scope, String audience) {
    }
}
