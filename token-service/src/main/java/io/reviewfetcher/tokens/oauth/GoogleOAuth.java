package io.reviewfetcher.tokens.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's OAuth endpoints (or the emulator's, with {@code GOOGLE_API_BASE_URL}). Plain JDK HTTP on purpose:
 * every token travels in a form body, never in a URL, and nothing here logs a request, a body or a URL,
 * so a token cannot reach a log through a client library's debug output or exception message.
 *
 * <p>Every call (token exchange, refresh, tokeninfo, revoke) is guarded by SmallRye Fault Tolerance, declared
 * on this class: each attempt may take {@value #ATTEMPT_TIMEOUT_S} s; an attempt that got no answer or a 5xx
 * ({@link GoogleUnavailableException}, {@link TimeoutException}) is tried again at most twice, after about
 * 250 ms and 500 ms (exponential backoff with jitter), so a call ends within about the 10 s one attempt was
 * allowed before; a refusal (4xx such as {@code invalid_grant} or an unknown token) is never retried. Each
 * endpoint method has a circuit breaker that opens when half of its last ten attempts got no answer, and then
 * answers at once for 10 s. A timeout or an open circuit reaches the callers as a
 * {@link GoogleUnavailableException} (status 0, {@code unreachable}), exactly what a connection failure
 * always was, so they keep their one notion of "Google unavailable". Operators can tune the policies with
 * {@code quarkus.fault-tolerance."io.reviewfetcher.tokens.oauth.GoogleOAuth".*} keys (e.g. {@code timeout.value}).
 */
@ApplicationScoped
@Timeout(value = GoogleOAuth.ATTEMPT_TIMEOUT_S, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 250, jitter = 100, maxDuration = 10, durationUnit = ChronoUnit.SECONDS,
        retryOn = {GoogleUnavailableException.class, TimeoutException.class})
@ExponentialBackoff(factor = 2, maxDelay = 2, maxDelayUnit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        successThreshold = 1, failOn = {GoogleUnavailableException.class, TimeoutException.class})
public class GoogleOAuth {

    static final long ATTEMPT_TIMEOUT_S = 3;

    private static final String ACCOUNTS_HOST = "https://accounts.google.com";
    private static final String OAUTH_HOST = "https://oauth2.googleapis.com";

    private final HttpClient http;
    private final ObjectMapper json;
    private final String tokenEndpoint;
    private final String tokenInfoEndpoint;
    private final String revokeEndpoint;

    public GoogleOAuth(TokenServiceConfig config, ObjectMapper json) {
        this.json = json;
        // No timeouts of its own: the fault-tolerance timeout above ends an attempt (and the exchange with it).
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = baseUrl(config);
        this.tokenEndpoint = (base != null ? base : OAUTH_HOST) + "/token";
        this.tokenInfoEndpoint = (base != null ? base : OAUTH_HOST) + "/tokeninfo";
        this.revokeEndpoint = (base != null ? base : OAUTH_HOST) + "/revoke";
    }

    /** Where the user's browser goes to consent (static: not a call, so not guarded). */
    public static String authorizationEndpoint(TokenServiceConfig config) {
        String base = baseUrl(config);
        return (base != null ? base : ACCOUNTS_HOST) + "/o/oauth2/v2/auth";
    }

    /**
     * Exchanges an authorization code (with its PKCE verifier) for tokens. A retry after an attempt that did
     * reach Google finds the code used ({@code invalid_grant}): the user starts again, as after any failure.
     */
    @Fallback(fallbackMethod = "exchangeCodeUnanswered", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class})
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
    @Fallback(fallbackMethod = "refreshUnanswered", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class})
    public GrantedTokens refresh(String clientId, String clientSecret, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refreshToken);
        return granted(post(tokenEndpoint, form));
    }

    /** What Google knows about an access token: its remaining lifetime and scope. */
    @Fallback(fallbackMethod = "tokenInfoUnanswered", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class})
    public TokenInfo tokenInfo(String accessToken) {
        JsonNode body = post(tokenInfoEndpoint, Map.of("access_token", accessToken));
        long expiresIn = body.path("expires_in").asLong(-1);
        if (expiresIn < 0) {
            throw new GoogleOAuthException(502, "bad_response", "tokeninfo answered without expires_in");
        }
        return new TokenInfo(expiresIn, body.path("scope").asText(""), body.path("aud").asText(""));
    }

    /**
     * Revokes the grant behind a token; false when Google says the token was already dead (also what a retry
     * hears after an attempt whose answer was lost).
     */
    @Fallback(fallbackMethod = "revokeUnanswered", applyOn = {TimeoutException.class, CircuitBreakerOpenException.class})
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

    // The fallbacks only translate: a timeout or an open circuit is "no answer" to the callers. They are
    // private, so the class's fault-tolerance annotations do not guard them in turn.

    private GrantedTokens exchangeCodeUnanswered(String clientId, String clientSecret, String code, String redirectUri,
                                                 String codeVerifier, FaultToleranceException cause) {
        throw unanswered(cause);
    }

    private GrantedTokens refreshUnanswered(String clientId, String clientSecret, String refreshToken,
                                            FaultToleranceException cause) {
        throw unanswered(cause);
    }

    private TokenInfo tokenInfoUnanswered(String accessToken, FaultToleranceException cause) {
        throw unanswered(cause);
    }

    private boolean revokeUnanswered(String token, FaultToleranceException cause) {
        throw unanswered(cause);
    }

    private static GoogleUnavailableException unanswered(FaultToleranceException cause) {
        String why = cause instanceof CircuitBreakerOpenException ? "circuit open after repeated failures" : "timed out";
        return new GoogleUnavailableException(0, "unreachable", "Google's OAuth endpoint did not answer (" + why + ")");
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
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GoogleUnavailableException(0, "unreachable",
                    "Google's OAuth endpoint did not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            // Also how the fault-tolerance timeout ends an attempt; it then reports a TimeoutException instead.
            Thread.currentThread().interrupt();
            throw new GoogleOAuthException(0, "interrupted", "interrupted while calling Google's OAuth endpoint");
        }
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            parsed = json.createObjectNode();
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            // Google's error and error_description are fixed words ("invalid_grant", "Bad Request"), never a token.
            String error = parsed.path("error").asText("http_" + status);
            String description = parsed.path("error_description").asText("");
            throw status >= 500 ? new GoogleUnavailableException(status, error, description)
                    : new GoogleOAuthException(status, error, description);
        }
        return parsed;
    }

    private static String baseUrl(TokenServiceConfig config) {
        return config.google().apiBaseUrl().map(GoogleOAuth::trimSlash).orElse(null);
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
