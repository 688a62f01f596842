package io.reviewfetcher.emulator.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth web-server flow end to end, with a plain HTTP client, as a token service would run it. */
@QuarkusTest
@TestProfile(ShortLivedTokensProfile.class)
class OAuthFlowTest {

    private static final String CLIENT_ID = "123456789012-reviewfetcherdemo.apps.googleusercontent.com";
    private static final String SECRET = "GOCSPX-emulator-demo-secret";
    private static final String REDIRECT = "http://localhost/test-callback";
    private static final String SCOPE = "https://www.googleapis.com/auth/business.manage";

    @Inject
    EmulatorClock clock;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper mapper = new ObjectMapper();

    /** Every test starts as a user who never authorized the client (revoking all grants forgets consents). */
    @BeforeEach
    void forgetConsents() throws Exception {
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(base.resolve("emulator/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"revokeRefreshTokens\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        http.send(HttpRequest.newBuilder(base.resolve("emulator/reset")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void codeForTokensThenRefreshExpiryAndRevocation() throws Exception {
        Map<String, String> callback = authorize(Map.of("access_type", "offline", "state", "xyz 42/?"));
        assertEquals("xyz 42/?", callback.get("state"), "state is echoed");
        assertEquals(SCOPE, callback.get("scope"));
        String code = callback.get("code");

        HttpResponse<String> exchanged = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(200, exchanged.statusCode(), exchanged.body());
        assertEquals("no-cache, no-store, max-age=0, must-revalidate", exchanged.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> tokens = json(exchanged);
        String access = (String) tokens.get("access_token");
        String refresh = (String) tokens.get("refresh_token");
        assertTrue(access.startsWith("ya29."));
        assertNotNull(refresh, "the first offline consent brings a refresh token");
        assertEquals(2, tokens.get("expires_in"));
        assertEquals("Bearer", tokens.get("token_type"));
        assertEquals(SCOPE, tokens.get("scope"));
        assertEquals(200, api(access).statusCode());

        HttpResponse<String> reused = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(400, reused.statusCode());
        assertEquals(Map.of("error", "invalid_grant", "error_description", "Bad Request"), json(reused));

        Map<String, Object> info = json(get("tokeninfo?access_token=" + access));
        assertEquals(CLIENT_ID, info.get("aud"));
        assertEquals(CLIENT_ID, info.get("azp"));
        assertEquals(SCOPE, info.get("scope"));
        assertEquals("offline", info.get("access_type"));
        assertTrue(Integer.parseInt((String) info.get("expires_in")) <= 2);

        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> expired = api(access);
        assertEquals(401, expired.statusCode());
        assertEquals("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
                expired.headers().firstValue("WWW-Authenticate").orElse(""));
        assertTrue(expired.body().contains("\"ACCESS_TOKEN_EXPIRED\""), expired.body());
        assertEquals(400, get("tokeninfo?access_token=" + access).statusCode());

        HttpResponse<String> refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        Map<String, Object> renewed = json(refreshed);
        String access2 = (String) renewed.get("access_token");
        assertNotEquals(access, access2);
        assertFalse(renewed.containsKey("refresh_token"), "a refresh does not send a new refresh token");
        assertEquals(200, api(access2).statusCode());

        HttpResponse<String> revoked = post("revoke", form(Map.of("token", refresh)));
        assertEquals(200, revoked.statusCode());
        assertEquals(401, api(access2).statusCode(), "revoking the refresh token kills its access tokens");
        HttpResponse<String> afterRevoke = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(400, afterRevoke.statusCode());
        assertEquals(Map.of("error", "invalid_grant", "error_description", "Token has been expired or revoked."),
                json(afterRevoke));
        assertEquals(400, post("revoke", form(Map.of("token", refresh))).statusCode(), "already revoked");
    }

    @Test
    void aRefreshTokenComesOnlyWithTheFirstConsentOrPromptConsent() throws Exception {
        String first = exchange(authorize(Map.of("access_type", "offline")).get("code"));
        assertTrue(json(first).containsKey("refresh_token"));
        assertFalse(json(exchange(authorize(Map.of("access_type", "offline")).get("code"))).containsKey("refresh_token"));
        assertFalse(json(exchange(authorize(Map.of()).get("code"))).containsKey("refresh_token"), "online access");
        assertTrue(json(exchange(authorize(Map.of("access_type", "offline", "prompt", "consent")).get("code")))
                .containsKey("refresh_token"));
    }

    @Test
    void revokingAnAccessTokenEndsTheWholeGrant() throws Exception {
        Map<String, Object> tokens = json(exchange(authorize(Map.of("access_type", "offline", "prompt", "consent")).get("code")));
        assertEquals(200, post("revoke?token=" + tokens.get("access_token"), "").statusCode());
        assertEquals(400, token(Map.of("grant_type", "refresh_token", "refresh_token", (String) tokens.get("refresh_token"),
                "client_id", CLIENT_ID, "client_secret", SECRET)).statusCode());
    }

    @Test
    void pkceVerifierMustMatchTheChallenge() throws Exception {
        String verifier = "a-long-enough-code-verifier-for-pkce-0123456789abcdef";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Map<String, String> pkce = Map.of("code_challenge", challenge, "code_challenge_method", "S256");
        HttpResponse<String> wrong = token(Map.of("grant_type", "authorization_code", "code", authorize(pkce).get("code"),
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", SECRET, "code_verifier", "nope"));
        assertEquals(400, wrong.statusCode());
        assertEquals("invalid_grant", json(wrong).get("error"));
        HttpResponse<String> right = token(Map.of("grant_type", "authorization_code", "code", authorize(pkce).get("code"),
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", SECRET, "code_verifier", verifier));
        assertEquals(200, right.statusCode(), right.body());
    }

    @Test
    void clientsAreAuthenticated() throws Exception {
        String code = authorize(Map.of()).get("code");
        HttpResponse<String> badSecret = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", "wrong"));
        assertEquals(401, badSecret.statusCode());
        assertEquals(Map.of("error", "invalid_client", "error_description", "Unauthorized"), json(badSecret));

        HttpResponse<String> unknown = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", "nobody.apps.googleusercontent.com", "client_secret", SECRET));
        assertEquals(401, unknown.statusCode());
        assertEquals(Map.of("error", "invalid_client", "error_description", "The OAuth client was not found."), json(unknown));

        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> viaBasic = http.send(HttpRequest.newBuilder(base.resolve("token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT)))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaBasic.statusCode(), "HTTP Basic client authentication; the code was not spent by failures");

        HttpResponse<String> wrongRedirect = token(Map.of("grant_type", "authorization_code",
                "code", authorize(Map.of()).get("code"), "redirect_uri", "http://localhost/other",
                "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(400, wrongRedirect.statusCode());
        assertEquals("redirect_uri_mismatch", json(wrongRedirect).get("error"));

        HttpResponse<String> unsupported = token(Map.of("grant_type", "password", "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(400, unsupported.statusCode());
        assertEquals("unsupported_grant_type", json(unsupported).get("error"));
    }

    @Test
    void theAuthorizationEndpointChecksClientRedirectAndScope() throws Exception {
        HttpResponse<String> mismatch = get("o/oauth2/v2/auth?" + form(Map.of("client_id", CLIENT_ID,
                "redirect_uri", REDIRECT + "/", "response_type", "code", "scope", SCOPE)));
        assertEquals(400, mismatch.statusCode(), "a trailing slash is a different redirect URI");
        assertTrue(mismatch.body().contains("redirect_uri_mismatch"));

        HttpResponse<String> unknown = get("o/oauth2/v2/auth?" + form(Map.of("client_id", "x.apps.googleusercontent.com",
                "redirect_uri", REDIRECT, "response_type", "code", "scope", SCOPE)));
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("invalid_client"));

        HttpResponse<String> wrongScope = get("o/oauth2/v2/auth?" + form(Map.of("client_id", CLIENT_ID,
                "redirect_uri", REDIRECT, "response_type", "code", "scope", "email", "state", "s1")));
        assertEquals(302, wrongScope.statusCode());
        Map<String, String> back = query(wrongScope.headers().firstValue("Location").orElseThrow());
        assertEquals("invalid_scope", back.get("error"));
        assertEquals("s1", back.get("state"));

        HttpResponse<String> token = get("o/oauth2/v2/auth?" + form(Map.of("client_id", CLIENT_ID,
                "redirect_uri", REDIRECT, "response_type", "token", "scope", SCOPE)));
        assertEquals("unsupported_response_type", query(token.headers().firstValue("Location").orElseThrow()).get("error"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private Map<String, String> authorize(Map<String, String> extra) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(Map.of("client_id", CLIENT_ID, "redirect_uri", REDIRECT,
                "response_type", "code", "scope", SCOPE));
        params.putAll(extra);
        HttpResponse<String> response = get("o/oauth2/v2/auth?" + form(params));
        assertEquals(302, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        return query(location);
    }

    private String exchange(String code) throws Exception {
        HttpResponse<String> response = token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", CLIENT_ID, "client_secret", SECRET));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void tokeninfoTakesTheTokenFromABearerHeader() throws Exception {
        String access = (String) json(post("emulator/tokens", "")).get("access_token");
        HttpResponse<String> viaGet = http.send(HttpRequest.newBuilder(base.resolve("tokeninfo"))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaGet.statusCode(), viaGet.body());
        assertEquals(SCOPE, json(viaGet).get("scope"));
        // google-auth-library's getTokenInfo: a POST of an empty form, the token in the header.
        HttpResponse<String> viaPost = http.send(HttpRequest.newBuilder(base.resolve("tokeninfo"))
                .header("Authorization", "Bearer " + access)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, viaPost.statusCode(), viaPost.body());
        assertEquals(SCOPE, json(viaPost).get("scope"));
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(base.resolve("tokeninfo"))
                .header("Authorization", "Bearer ya29.not-a-token").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertEquals("invalid_token", json(unknown).get("error"));
    }

    private HttpResponse<String> token(Map<String, String> fields) throws Exception {
        return post("token", form(fields));
    }

    private HttpResponse<String> api(String accessToken) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("v1/accounts")).header("Authorization", "Bearer " + accessToken)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return json(response.body());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String body) throws Exception {
        return mapper.readValue(body, Map.class);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

}
