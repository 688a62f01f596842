package io.reviewfetcher.tokens.oauth;

import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientAttention;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.errors.ConflictException;
import io.reviewfetcher.tokens.errors.InvalidInputException;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.grants.ManagedTokens;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Google's web-server OAuth flow with PKCE. {@link #begin} records a single-use, expiring state bound to the
 * client, with the PKCE verifier sealed beside it, and builds the consent URL ({@code access_type=offline},
 * {@code prompt=consent}, so a refresh token always comes back); {@link #complete} consumes the state and
 * exchanges the code for the tokens {@link ManagedTokens} keeps from then on.
 */
@ApplicationScoped
public class OAuthFlow {

    private final Database database;
    private final ClientRepository clients;
    private final OAuthStateRepository states;
    private final ManagedTokens tokens;
    private final ClientAttention attention;
    private final GoogleOAuth google;
    private final String authorizationEndpoint;
    private final Duration stateLifetime;
    private final String scope;
    private final SecureRandom random = new SecureRandom();

    public OAuthFlow(Database database, ClientRepository clients, OAuthStateRepository states, ManagedTokens tokens,
                     ClientAttention attention, GoogleOAuth google, TokenServiceConfig config) {
        this.database = database;
        this.clients = clients;
        this.states = states;
        this.tokens = tokens;
        this.attention = attention;
        this.google = google;
        this.authorizationEndpoint = GoogleOAuth.authorizationEndpoint(config);
        this.stateLifetime = config.oauth().stateLifetime();
        this.scope = config.oauth().scope();
    }

    /** Where to send the user's browser, and the state that will come back with it. */
    public record Authorization(String url, String state, Instant expiresAt) {
    }

    /** A completed flow: the client's grant is kept. */
    public record Connected(long clientId, Instant expiresAt, boolean hasRefreshToken) {
    }

    /**
     * @throws NotFoundException for an unknown client
     * @throws ConflictException for a deactivated one
     */
    public Authorization begin(long clientId) {
        Client client = database.inTransaction(c -> clients.find(c, clientId))
                .orElseThrow(() -> new NotFoundException("client " + clientId));
        if (!client.active()) {
            throw new ConflictException("client " + clientId + " is deactivated");
        }
        String state = randomUrlSafe(32);
        String verifier = randomUrlSafe(48);
        String stateHash = sha256Hex(state);
        Instant expiresAt = Instant.now().plus(stateLifetime);
        database.inTransaction(c -> {
            states.purgeExpired(c);
            states.insert(c, stateHash, clientId, verifier, expiresAt);
            return null;
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
        String url = authorizationEndpoint + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return new Authorization(url, state, expiresAt);
    }

    /**
     * Google's redirect: consumes the state (whatever follows), then exchanges the code.
     *
     * @throws InvalidInputException         for a missing or malformed state or code
     * @throws AuthorizationFailedException  for an unusable state, a refused consent or a refused code
     * @throws io.reviewfetcher.tokens.clients.ClientMisconfiguredException when Google refuses the client's own credentials
     * @throws UnavailableException          when Google's token endpoint does not answer
     */
    public Connected complete(String code, String state, String error) {
        if (state == null || state.isBlank() || state.length() > 200) {
            throw new InvalidInputException("state", "is missing or malformed");
        }
        OAuthStateRepository.Pending pending = database.inTransaction(c -> states.consume(c, sha256Hex(state))).orElse(null);
        if (pending == null) {
            Log.warn("OAuth callback with an unknown, expired or already used state: refused");
            throw new AuthorizationFailedException(AuthorizationFailedException.Reason.INVALID_STATE,
                    "the state is unknown, expired or already used; start the authorization again");
        }
        if (error != null) {
            String reason = error.matches("[a-z_]{1,64}") ? error : "unknown";
            Log.infof("OAuth consent for client %d ended with error %s", pending.clientId(), reason);
            throw new AuthorizationFailedException(AuthorizationFailedException.Reason.CONSENT_REFUSED,
                    "Google answered " + reason + "; start the authorization again");
        }
        if (code == null || code.isBlank() || code.length() > 512) {
            throw new InvalidInputException("code", "is missing or malformed");
        }
        Client client = database.inTransaction(c -> clients.find(c, pending.clientId()))
                .orElseThrow(() -> new NotFoundException("client " + pending.clientId()));
        GoogleOAuth.GrantedTokens granted;
        try {
            granted = google.exchangeCode(client.googleClientId(), clients.secretOf(client), code, client.redirectUri(),
                    states.verifier(pending));
        } catch (GoogleOAuthException e) {
            if (e.isClientRefused()) {
                throw attention.refused(client.id(), e.error());
            }
            Log.warnf("Code exchange for client %d refused: %s (status %d)", client.id(), e.error(), e.status());
            if (e.isTransient()) {
                throw new UnavailableException("Google's token endpoint failed; start the authorization again");
            }
            throw new AuthorizationFailedException(AuthorizationFailedException.Reason.CODE_REFUSED,
                    "Google refused the authorization code (" + e.error() + "); start the authorization again");
        }
        Instant expiresAt = tokens.store(client.id(), granted);
        Log.infof("OAuth flow completed for client %d; access token expires at %s", client.id(), expiresAt);
        return new Connected(client.id(), expiresAt, granted.refreshToken() != null);
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
