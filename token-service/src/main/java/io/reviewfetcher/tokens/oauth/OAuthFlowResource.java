package io.reviewfetcher.tokens.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.db.Database;
import io.reviewfetcher.tokens.google.GoogleOAuth;
import io.reviewfetcher.tokens.google.GoogleOAuthException;
import io.reviewfetcher.tokens.grants.ManagedTokens;
import io.reviewfetcher.tokens.web.Problem;
import io.reviewfetcher.tokens.web.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's web-server OAuth flow with PKCE. {@code start}/{@code login} (admin key) record a single-use,
 * expiring state bound to the client, with the PKCE verifier sealed beside it, and build the consent URL
 * ({@code access_type=offline}, {@code prompt=consent}, so a refresh token always comes back);
 * {@code /auth/callback} (open: the user's browser arrives from Google) consumes the state and exchanges the code.
 */
@Path("/")
public class OAuthFlowResource {

    private final Database database;
    private final ClientRepository clients;
    private final ManagedTokens tokens;
    private final GoogleOAuth google;
    private final SecretCipher cipher;
    private final Duration stateLifetime;
    private final String scope;
    private final SecureRandom random = new SecureRandom();

    public OAuthFlowResource(Database database, ClientRepository clients, ManagedTokens tokens, GoogleOAuth google,
                             SecretCipher cipher, TokenServiceConfig config) {
        this.database = database;
        this.clients = clients;
        this.tokens = tokens;
        this.google = google;
        this.cipher = cipher;
        this.stateLifetime = config.oauth().stateLifetime();
        this.scope = config.oauth().scope();
    }

    public record AuthorizationStart(@JsonProperty("auth_url") String authUrl, String state,
                                     @JsonProperty("expires_at") Instant expiresAt) {
    }

    public record CallbackResult(boolean success, String message, @JsonProperty("client_id") long clientId,
                                 @JsonProperty("expires_at") Instant expiresAt,
                                 @JsonProperty("has_refresh_token") boolean hasRefreshToken) {
    }

    @GET
    @Path("oauth/start/{client_id}")
    public AuthorizationStart start(@PathParam("client_id") long clientId) {
        return begin(clientId);
    }

    /** The same, as a redirect for a browser. */
    @GET
    @Path("oauth/login/{client_id}")
    public Response login(@PathParam("client_id") long clientId) {
        return Response.status(302).location(URI.create(begin(clientId).authUrl())).build();
    }

    @GET
    @Path("auth/callback")
    public CallbackResult callback(@QueryParam("code") String code, @QueryParam("state") String state,
                                   @QueryParam("error") String error) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw ProblemException.badRequest("state", "is missing or malformed");
        }
        String stateHash = sha256Hex(state);
        record Pending(long clientId, String verifier) {
        }
        Pending pending = database.inTransaction(c -> {
            // Consuming the state is one statement, so two callbacks with the same state cannot both pass.
            try (PreparedStatement consume = c.prepareStatement("update oauth_states set used_at = now() "
                    + "where state_hash = ? and used_at is null and expires_at > now() returning client_id, code_verifier")) {
                consume.setString(1, stateHash);
                try (ResultSet row = consume.executeQuery()) {
                    return row.next() ? new Pending(row.getLong(1), row.getString(2)) : null;
                }
            }
        });
        if (pending == null) {
            Log.warn("OAuth callback with an unknown, expired or already used state: refused");
            throw new ProblemException(Problem.of(400, "invalid-state", "Invalid OAuth state",
                    "the state is unknown, expired or already used; start the authorization again"));
        }
        if (error != null) {
            String reason = error.matches("[a-z_]{1,64}") ? error : "unknown";
            Log.infof("OAuth consent for client %d ended with error %s", pending.clientId(), reason);
            throw new ProblemException(Problem.of(400, "consent-refused", "Consent not given",
                    "Google answered " + reason + "; start the authorization again"));
        }
        if (code == null || code.isBlank() || code.length() > 512) {
            throw ProblemException.badRequest("code", "is missing or malformed");
        }
        Client client = database.inTransaction(c -> clients.find(c, pending.clientId()))
                .orElseThrow(() -> ProblemException.notFound("client " + pending.clientId()));
        GoogleOAuth.GrantedTokens granted;
        try {
            granted = google.exchangeCode(client.googleClientId(), clients.secretOf(client), code, client.redirectUri(),
                    cipher.open(pending.verifier(), verifierContext(stateHash)));
        } catch (GoogleOAuthException e) {
            Log.warnf("Code exchange for client %d refused: %s (status %d)", client.id(), e.error(), e.status());
            if (e.isTransient()) {
                throw ProblemException.unavailable("Google's token endpoint failed; start the authorization again");
            }
            throw new ProblemException(Problem.of(400, "code-exchange-failed", "Code exchange failed",
                    "Google refused the authorization code (" + e.error() + "); start the authorization again"));
        }
        database.inTransaction(c -> {
            tokens.store(c, client.id(), granted);
            return null;
        });
        Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
        Log.infof("OAuth flow completed for client %d; access token expires at %s", client.id(), expiresAt);
        return new CallbackResult(true, "OAuth flow completed; token-service now keeps this client's tokens",
                client.id(), expiresAt, granted.refreshToken() != null);
    }

    private AuthorizationStart begin(long clientId) {
        Client client = database.inTransaction(c -> clients.find(c, clientId))
                .orElseThrow(() -> ProblemException.notFound("client " + clientId));
        if (!client.active()) {
            throw ProblemException.conflict("client " + clientId + " is deactivated");
        }
        String state = randomUrlSafe(32);
        String verifier = randomUrlSafe(48);
        String stateHash = sha256Hex(state);
        Instant expiresAt = Instant.now().plus(stateLifetime);
        database.inTransaction(c -> {
            try (PreparedStatement purge = c.prepareStatement("delete from oauth_states where expires_at < now() - interval '1 day'")) {
                purge.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into oauth_states (state_hash, client_id, code_verifier, expires_at) values (?, ?, ?, ?)")) {
                insert.setString(1, stateHash);
                insert.setLong(2, clientId);
                insert.setString(3, cipher.seal(verifier, verifierContext(stateHash)));
                insert.setTimestamp(4, Timestamp.from(expiresAt));
                return insert.executeUpdate();
            }
        });
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", client.googleClientId());
        query.put("redirect_uri", client.redirectUri());
        query.put("response_type", "code");
        query.put("scope", scope);
        query.put("access_type", "offline");
        query.put("prompt", "consent");
        query.put("include_granted_scopes", "true");
        query.put("state", state);
        query.put("code_challenge", base64Url(sha256(verifier)));
        query.put("code_challenge_method", "S256");
        String url = google.authorizationEndpoint() + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return new AuthorizationStart(url, state, expiresAt);
    }

    private static String verifierContext(String stateHash) {
        return "code_verifier:" + stateHash;
    }

    private String randomUrlSafe(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return base64Url(raw);
    }

    private static String base64Url(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }
}
