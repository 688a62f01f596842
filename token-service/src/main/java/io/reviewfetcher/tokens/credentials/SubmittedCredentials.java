package io.reviewfetcher.tokens.credentials;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.google.GoogleOAuth;
import io.reviewfetcher.tokens.google.GoogleOAuthException;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Access tokens that job submitters brought, kept in Redis under an opaque {@code cred:} reference,
 * sealed with {@link SecretCipher}, and expiring in Redis when the token expires at Google.
 */
@ApplicationScoped
public class SubmittedCredentials {

    private static final String KEY_PREFIX = "credential:";

    private final ValueCommands<String, String> values;
    private final SecretCipher cipher;
    private final SecureRandom random = new SecureRandom();

    private final RedisDataSource redis;
    private final GoogleOAuth google;

    public SubmittedCredentials(RedisDataSource redis, SecretCipher cipher, GoogleOAuth google) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.cipher = cipher;
        this.google = google;
    }

    /**
     * Asks Google whether a kept token still works, after a worker saw it refused; a dead one is forgotten.
     * When Google cannot be asked, the token is kept (the worker's next call will tell).
     */
    public boolean stillAccepted(String ref, Held held) {
        try {
            google.tokenInfo(held.accessToken());
            return true;
        } catch (GoogleOAuthException e) {
            if (e.isTransient()) {
                return true;
            }
            redis.key().del(KEY_PREFIX + ref);
            return false;
        }
    }

    /** A token and when it expires. */
    public record Held(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Held[expiresAt=" + expiresAt + "]";
        }
    }

    /** Stores the token until {@code expiresAt} and returns its new reference. */
    public String keep(String accessToken, Instant expiresAt) {
        byte[] id = new byte[24];
        random.nextBytes(id);
        String ref = "cred:" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        long ttlMillis = Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis());
        String sealed = cipher.seal(accessToken, ref);
        values.set(KEY_PREFIX + ref, expiresAt.toEpochMilli() + "|" + sealed, new SetArgs().px(ttlMillis));
        return ref;
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
