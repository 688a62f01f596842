package io.reviewfetcher.emulator.oauth;

import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Authorization codes, grants (a user's consent to a client, holding at most one refresh token) and
 * access tokens, with Google's rules: codes are single use and short-lived; a refresh token comes
 * only with the first offline consent or {@code prompt=consent}; revoking any token of a user and
 * client revokes the whole authorization; past {@code max-refresh-tokens-per-client} live refresh
 * tokens the oldest silently stops working.
 */
@ApplicationScoped
public class TokenStore {

    /** A user's authorization of a client; revoking it kills its refresh token and every access token. */
    public static final class Grant {
        final String clientId;
        final String userId;
        final String scope;
        final String refreshToken;
        final Instant refreshExpiresAt;
        final boolean offline;
        final boolean businessProfile;
        volatile boolean revoked;

        Grant(String clientId, String userId, String scope, String refreshToken, Instant refreshExpiresAt, boolean offline) {
            this.clientId = clientId;
            this.userId = userId;
            this.scope = scope;
            this.refreshToken = refreshToken;
            this.refreshExpiresAt = refreshExpiresAt;
            this.offline = offline;
            this.businessProfile = Scopes.allowsBusinessProfile(Scopes.parse(scope));
        }

        /** Whether the grant's scopes let it call the Business Profile APIs. */
        public boolean allowsBusinessProfile() {
            return businessProfile;
        }

        public String clientId() {
            return clientId;
        }

        public String userId() {
            return userId;
        }

        public String scope() {
            return scope;
        }

        public boolean offline() {
            return offline;
        }
    }

    /** An issued access token. */
    public record AccessToken(String value, Grant grant, Instant issuedAt, Instant expiresAt) {
    }

    /** What a presented access token turned out to be. */
    public enum Validity { VALID, EXPIRED, INVALID }

    public record Lookup(Validity validity, AccessToken token) {
    }

    private record Code(String clientId, String redirectUri, String scope, boolean offline, boolean withRefresh,
                        Instant expiresAt, String challenge, String challengeMethod, AtomicBoolean used) {
    }

    private static final int PRUNE_THRESHOLD = 100_000;

    private final EmulatorConfig.OAuth config;
    private final EmulatorClock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Code> codes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Grant> grantsByRefreshToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
    /** user|client pairs that consented to offline access (the next offline consent brings no refresh token). */
    private final Set<String> offlineConsents = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Deque<Grant>> grantsByUserClient = new ConcurrentHashMap<>();
    private volatile Instant accessTokensExpiredAt = Instant.MIN;

    public TokenStore(EmulatorConfig config, EmulatorClock clock) {
        this.config = config.oauth();
        this.clock = clock;
    }

    /** Records the demo user's consent and returns a fresh authorization code. */
    public String issueCode(String clientId, String redirectUri, String scope, boolean offline, boolean forceConsent,
                            String challenge, String challengeMethod) {
        String key = DemoUser.SUBJECT + "|" + clientId;
        boolean withRefresh = offline && (offlineConsents.add(key) || forceConsent);
        String code = "4/0A" + randomText(54);
        codes.put(code, new Code(clientId, redirectUri, scope, offline, withRefresh,
                clock.now().plus(config.codeLifetime()), challenge, challengeMethod, new AtomicBoolean()));
        return code;
    }

    /** Whether the demo user already consented to this client (for {@code prompt=none}). */
    public boolean hasConsent(String clientId) {
        return offlineConsents.contains(DemoUser.SUBJECT + "|" + clientId)
                || grantsByUserClient.getOrDefault(DemoUser.SUBJECT + "|" + clientId, new ArrayDeque<>()).stream()
                .anyMatch(g -> !g.revoked);
    }

    public OAuthJson.TokenResponse exchangeCode(String clientId, String code, String redirectUri, String codeVerifier) {
        Code issued = code == null ? null : codes.get(code);
        if (issued == null || !issued.used().compareAndSet(false, true) || !issued.expiresAt().isAfter(clock.now())
                || !issued.clientId().equals(clientId)) {
            throw OAuthException.invalidGrant("Bad Request");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            throw new OAuthException(400, "redirect_uri_mismatch", "Bad Request");
        }
        if (issued.challenge() != null && !pkceMatches(issued, codeVerifier)) {
            throw OAuthException.invalidGrant("Invalid code verifier.");
        }
        Grant grant = newGrant(clientId, issued.scope(), issued.withRefresh(), issued.offline());
        AccessToken access = newAccessToken(grant);
        return response(access, grant.refreshToken);
    }

    public OAuthJson.TokenResponse refresh(String clientId, String refreshToken) {
        Grant grant = refreshToken == null ? null : grantsByRefreshToken.get(refreshToken);
        if (grant == null || grant.revoked
                || (grant.refreshExpiresAt != null && !grant.refreshExpiresAt.isAfter(clock.now()))) {
            throw OAuthException.invalidGrant("Token has been expired or revoked.");
        }
        if (!grant.clientId.equals(clientId)) {
            throw new OAuthException(401, "unauthorized_client", "Unauthorized");
        }
        return response(newAccessToken(grant), null);
    }

    /** Admin shortcut: a grant with refresh token and an access token for the demo user, no browser needed. */
    public OAuthJson.TokenResponse mint(String clientId, String scope) {
        offlineConsents.add(DemoUser.SUBJECT + "|" + clientId);
        Grant grant = newGrant(clientId, scope, true, true);
        return response(newAccessToken(grant), grant.refreshToken);
    }

    public Lookup lookup(String token) {
        AccessToken access = token == null ? null : accessTokens.get(token);
        if (access == null || access.grant().revoked) {
            return new Lookup(Validity.INVALID, access);
        }
        Instant now = clock.now();
        if (!access.expiresAt().isAfter(now) || !access.issuedAt().isAfter(accessTokensExpiredAt)) {
            return new Lookup(Validity.EXPIRED, access);
        }
        return new Lookup(Validity.VALID, access);
    }

    /** Revokes the authorization behind an access or refresh token; false when the token is unknown or dead. */
    public boolean revoke(String token) {
        Grant grant = grantsByRefreshToken.get(token);
        if (grant == null) {
            Lookup lookup = lookup(token);
            if (lookup.validity() != Validity.VALID) {
                return false;
            }
            grant = lookup.token().grant();
        }
        if (grant.revoked) {
            return false;
        }
        String key = grant.userId + "|" + grant.clientId;
        Deque<Grant> grants = grantsByUserClient.get(key);
        if (grants != null) {
            synchronized (grants) {
                grants.forEach(g -> g.revoked = true);
            }
        }
        grant.revoked = true;
        offlineConsents.remove(key);
        return true;
    }

    /** Fault: every access token issued until now is expired (refresh tokens still work). */
    public void expireAccessTokensNow() {
        accessTokensExpiredAt = clock.now();
    }

    /** Fault: every grant is revoked, as if the user removed the app's access. */
    public void revokeAllGrants() {
        grantsByRefreshToken.values().forEach(g -> g.revoked = true);
        accessTokens.values().forEach(t -> t.grant().revoked = true);
        offlineConsents.clear();
    }

    public long expiresInSeconds(AccessToken token) {
        return Math.max(0, Duration.between(clock.now(), token.expiresAt()).toSeconds());
    }

    private Grant newGrant(String clientId, String scope, boolean withRefresh, boolean offline) {
        Instant now = clock.now();
        String refreshToken = withRefresh ? "1//0" + randomText(96) : null;
        Instant refreshExpiry = config.refreshTokenLifetime().map(now::plus).orElse(null);
        Grant grant = new Grant(clientId, DemoUser.SUBJECT, scope, refreshToken, refreshExpiry, offline);
        Deque<Grant> grants = grantsByUserClient.computeIfAbsent(DemoUser.SUBJECT + "|" + clientId, k -> new ArrayDeque<>());
        synchronized (grants) {
            grants.addLast(grant);
            if (refreshToken != null) {
                grantsByRefreshToken.put(refreshToken, grant);
                long live = grants.stream().filter(g -> g.refreshToken != null && !g.revoked).count();
                for (Grant oldest : grants) {
                    if (live <= config.maxRefreshTokensPerClient()) {
                        break;
                    }
                    if (oldest.refreshToken != null && !oldest.revoked) {
                        oldest.revoked = true;
                        live--;
                    }
                }
                grants.removeIf(g -> g.revoked);
            }
        }
        return grant;
    }

    private AccessToken newAccessToken(Grant grant) {
        Instant now = clock.now();
        if (accessTokens.size() > PRUNE_THRESHOLD) {
            accessTokens.values().removeIf(t -> !t.expiresAt().isAfter(now));
        }
        AccessToken token = new AccessToken("ya29.a0" + randomText(150), grant, now, now.plus(config.accessTokenLifetime()));
        accessTokens.put(token.value(), token);
        return token;
    }

    private OAuthJson.TokenResponse response(AccessToken access, String refreshToken) {
        return new OAuthJson.TokenResponse(access.value(), config.accessTokenLifetime().toSeconds(), refreshToken,
                access.grant().scope, "Bearer");
    }

    private static boolean pkceMatches(Code issued, String verifier) {
        if (verifier == null) {
            return false;
        }
        if ("plain".equals(issued.challengeMethod())) {
            return verifier.equals(issued.challenge());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).equals(issued.challenge());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText(int chars) {
        byte[] bytes = new byte[chars * 3 / 4 + 1];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, chars);
    }

    /** For tokeninfo. */
    public Optional<AccessToken> valid(String token) {
        Lookup lookup = lookup(token);
        return lookup.validity() == Validity.VALID ? Optional.of(lookup.token()) : Optional.empty();
    }
}
