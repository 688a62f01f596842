package io.reviewfetcher.tokens.credentials;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.oauth.GoogleOAuth;
import io.reviewfetcher.tokens.oauth.GoogleOAuthException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Access tokens that job submitters brought, kept in Redis under an opaque {@code cred:} reference,
 * sealed with {@link SecretCipher}, and expiring in Redis when the token expires at Google. Beside each, a
 * key without the token remembers when it expires ({@code credential-expiry:}, for
 * {@code token-service.credentials.expiry-memory} longer), so that a job that outlives its token is told
 * that it expired, not that its credential is unknown.
 */
@ApplicationScoped
public class SubmittedCredentials {

    private static final String KEY_PREFIX = "credential:";
    private static final String EXPIRY_PREFIX = "credential-expiry:";
    /**
     * Google refusing a token this close to its expiry refuses it for having expired (tokeninfo cannot tell
     * an expired token from a revoked one; the clocks of Google and Redis are this far apart at most).
     */
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(60);

    /** What Google says of a kept token a worker saw refused. */
    public enum Recheck {
        /** Still alive: the refusal was passing (or Google could not be asked). */
        ACCEPTED,
        /** Dead at its expiry: the job outlived its token. */
        EXPIRED,
        /** Dead before its expiry: revoked. */
        REVOKED
    }

    private final ValueCommands<String, String> values;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    private final RedisDataSource redis;
    private final GoogleOAuth google;
    private final String requiredScope;
    private final Duration expiryMemory;

    public SubmittedCredentials(RedisDataSource redis, SecretCipher cipher, GoogleOAuth google, TokenServiceConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.cipher = cipher;
        this.google = google;
        this.requiredScope = config.oauth().scope();
        this.expiryMemory = config.credentials().expiryMemory();
    }

    /** A token and when it expires. */
    public record Held(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Held[expiresAt=" + expiresAt + "]";
        }
    }

    /** A kept token's reference and when it expires. */
    public record Kept(String credential, Instant expiresAt) {
    }

    /**
     * Keeps a job submitter's token after Google's tokeninfo said it is alive and has the scope, for exactly
     * its remaining lifetime.
     *
     * @throws AccessTokenRefusedException when Google does not accept it, it expired or it lacks the scope
     * @throws UnavailableException        when Google's tokeninfo or Redis does not answer
     */
    public Kept submit(String accessToken) {
        GoogleOAuth.TokenInfo info;
        try {
            info = google.tokenInfo(accessToken);
        } catch (GoogleOAuthException e) {
            if (e.isTransient()) {
                throw new UnavailableException("Google's tokeninfo endpoint failed; try again shortly");
            }
            throw new AccessTokenRefusedException(AccessTokenRefusedException.Reason.INVALID,
                    "Google does not accept this access token (invalid, expired or revoked)");
        }
        if (info.expiresInSeconds() <= 0) {
            throw new AccessTokenRefusedException(AccessTokenRefusedException.Reason.INVALID, "the access token has expired");
        }
        if (Arrays.stream(info.scope().split(" ")).noneMatch(requiredScope::equals)) {
            throw new AccessTokenRefusedException(AccessTokenRefusedException.Reason.INSUFFICIENT_SCOPE,
                    "the access token was not granted " + requiredScope);
        }
        Instant expiresAt = Instant.now().plusSeconds(info.expiresInSeconds());
        String ref;
        try {
            ref = keep(accessToken, expiresAt);
        } catch (RuntimeException e) {
            throw new UnavailableException("the credential store (Redis) is unavailable");
        }
        Log.debugf("Kept a submitted access token as %s until %s", ref, expiresAt);
        return new Kept(ref, expiresAt);
    }

    /**
     * Asks Google whether a kept token still works, after a worker saw it refused; a dead one is forgotten
     * (its expiry stays remembered only when it died of it). When Google cannot be asked, the token is kept
     * (the worker's next call will tell).
     */
    public Recheck recheck(String ref, Held held) {
        try {
            google.tokenInfo(held.accessToken());
            return Recheck.ACCEPTED;
        } catch (GoogleOAuthException e) {
            if (e.isTransient()) {
                return Recheck.ACCEPTED;
            }
            if (held.expiresAt().isBefore(Instant.now().plus(EXPIRY_SLACK))) {
                redis.key().del(KEY_PREFIX + ref);
                return Recheck.EXPIRED;
            }
            redis.key().del(KEY_PREFIX + ref, EXPIRY_PREFIX + ref);
            return Recheck.REVOKED;
        }
    }

    /** Stores the token until {@code expiresAt}, and its expiry for longer, and returns its new reference. */
    public String keep(String accessToken, Instant expiresAt) {
        byte[] id = new byte[24];
        random.nextBytes(id);
        String ref = "cred:" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        long ttlMillis = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
        String sealed = cipher.seal(accessToken, ref);
        values.set(KEY_PREFIX + ref, expiresAt.toEpochMilli() + "|" + sealed, new SetArgs().px(ttlMillis));
        values.set(EXPIRY_PREFIX + ref, Long.toString(expiresAt.toEpochMilli()), new SetArgs().px(ttlMillis + expiryMemory.toMillis()));
        return ref;
    }

    /**
     * Whether a reference that {@link #find} does not know names a token that expired (within the expiry
     * memory), rather than one never kept, revoked, or forgotten long ago. A token {@link #recheck} forgot in
     * its last minute counts as expired, as the recheck said.
     */
    public boolean expired(String ref) {
        String expiresAt = values.get(EXPIRY_PREFIX + ref);
        return expiresAt != null && Instant.ofEpochMilli(Long.parseLong(expiresAt)).isBefore(Instant.now().plus(EXPIRY_SLACK));
    }

    /** The token behind a reference; empty when unknown or expired. */
    public Optional<Held> find(String ref) {
        String stored = values.get(KEY_PREFIX + ref);
        if (stored == null) {
            return Optional.empty();
        }
        int bar = stored.indexOf('|');
        Instant expiresAt = Instant.ofEpochMilli(Long.parseLong(stored.substring(0, bar)));
        if (!expiresAt.isAfter(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(new Held(cipher.open(stored.substring(bar + 1), ref), expiresAt));
    }
}
