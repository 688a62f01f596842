package io.reviewfetcher.tokens.grants;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.errors.UnavailableException;
import io.reviewfetcher.tokens.oauth.GoogleOAuth;
import io.reviewfetcher.tokens.oauth.GoogleOAuthException;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth tokens of managed clients: kept sealed in PostgreSQL ({@link TokenRepository}), handed out valid,
 * refreshed shortly before they expire. Several pods asking at once cause one refresh: the refresh runs while
 * holding the token row's lock ({@code select … for update}), and whoever gets the lock next finds the fresh token.
 */
@ApplicationScoped
public class ManagedTokens {

    /** A refresh that fails for a passing reason still hands out the current token while it has this much left. */
    private static final Duration STILL_USABLE = Duration.ofSeconds(30);

    private final Database database;
    private final TokenRepository tokens;
    private final ClientRepository clients;
    private final GoogleOAuth google;
    private final Duration refreshBefore;
    private final MeterRegistry metrics;

    public ManagedTokens(Database database, TokenRepository tokens, ClientRepository clients, GoogleOAuth google,
                         TokenServiceConfig config, MeterRegistry metrics) {
        this.database = database;
        this.tokens = tokens;
        this.clients = clients;
        this.google = google;
        this.refreshBefore = config.oauth().refreshBefore();
        this.metrics = metrics;
    }

    /** A usable access token and its expiry. */
    public record Current(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Current[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A valid access token of the client, refreshed first when it expires within the refresh margin.
     *
     * @throws NotFoundException           for an unknown client
     * @throws UnavailableException        when Google or the database cannot be reached
     * @throws ReconnectRequiredException  when only a new consent can help
     */
    public Current valid(long clientId) {
        TokenRepository.Stored row = database.inTransaction(c -> {
            Client client = clients.find(c, clientId).orElseThrow(() -> unknownClient(clientId));
            if (!client.active()) {
                throw new ReconnectRequiredException(clientId, "inactive", "client " + clientId + " is deactivated");
            }
            return tokens.find(c, clientId, false).orElse(null);
        });
        requireUsable(clientId, row);
        if (row.expiresAt().isAfter(Instant.now().plus(refreshBefore))) {
            return new Current(tokens.accessToken(row), row.expiresAt());
        }
        return refresh(clientId, false);
    }

    /**
     * A worker reports that Google refused the current token before its expiry (revoked access token, forced
     * expiry): refresh it, unless another caller's report already did within the last 30 s.
     */
    public Current replaceRejected(long clientId) {
        return refresh(clientId, true, Duration.ofSeconds(30));
    }

    public Current refresh(long clientId, boolean force) {
        return refresh(clientId, force, Duration.ZERO);
    }

    /**
     * Refreshes under the row lock. Without {@code force}, a token that another pod refreshed while this one
     * waited for the lock is returned as it is.
     */
    private Current refresh(long clientId, boolean force, Duration unlessRefreshedWithin) {
        return database.inTransaction(c -> {
            Client client = clients.find(c, clientId).orElseThrow(() -> unknownClient(clientId));
            tokens.limitLockWait(c);
            TokenRepository.Stored row = tokens.find(c, clientId, true).orElse(null);
            requireUsable(clientId, row);
            if (!force && row.expiresAt().isAfter(Instant.now().plus(refreshBefore))) {
                return new Current(tokens.accessToken(row), row.expiresAt());
            }
            if (force && row.updatedAt().isAfter(Instant.now().minus(unlessRefreshedWithin))) {
                return new Current(tokens.accessToken(row), row.expiresAt());
            }
            if (!row.hasRefreshToken()) {
                tokens.markInvalid(c, clientId, "no_refresh_token");
                c.commit();
                throw new ReconnectRequiredException(clientId, "no_refresh_token",
                        "client " + clientId + " has no refresh token; the business must reconnect");
            }
            GoogleOAuth.GrantedTokens granted;
            try {
                granted = google.refresh(client.googleClientId(), clients.secretOf(client), tokens.refreshToken(row));
            } catch (GoogleOAuthException e) {
                if (e.isInvalidGrant()) {
                    tokens.markInvalid(c, clientId, "invalid_grant");
                    count("invalid_grant");
                    Log.warnf("Refresh of client %d refused by Google (invalid_grant): marked invalid, the business must reconnect", clientId);
                    // Commit the mark, then tell the caller.
                    c.commit();
                    throw new ReconnectRequiredException(clientId, "invalid_grant",
                            "Google refused the refresh token of client " + clientId + " (revoked or expired); the business must reconnect");
                }
                count("error");
                Log.warnf("Refresh of client %d failed: %s (status %d)", clientId, e.getMessage(), e.status());
                if (!force && row.expiresAt().isAfter(Instant.now().plus(STILL_USABLE))) {
                    return new Current(tokens.accessToken(row), row.expiresAt());
                }
                throw new UnavailableException("Google's token endpoint failed (" + e.error() + "); try again shortly");
            }
            Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
            tokens.saveRefreshed(c, clientId, granted.accessToken(), granted.refreshToken(), expiresAt, granted.scope());
            count("success");
            Log.infof("Refreshed the access token of client %d; it expires at %s", clientId, expiresAt);
            return new Current(granted.accessToken(), expiresAt);
        });
    }

    /**
     * Keeps what the code exchange granted (an answer without refresh token keeps the one held before).
     *
     * @return when the access token expires
     */
    public Instant store(long clientId, GoogleOAuth.GrantedTokens granted) {
        Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
        database.inTransaction(c -> {
            tokens.store(c, clientId, granted.accessToken(), granted.refreshToken(), expiresAt, granted.scope());
            return null;
        });
        return expiresAt;
    }

    /**
     * Revokes the client's grant at Google and forgets its tokens.
     *
     * @return false when there was nothing to revoke
     * @throws UnavailableException when Google's revoke endpoint fails (the tokens are kept)
     */
    public boolean revoke(long clientId) {
        TokenRepository.Stored row = database.inTransaction(c -> tokens.find(c, clientId, false).orElse(null));
        if (row == null) {
            return false;
        }
        String token = row.hasRefreshToken() ? tokens.refreshToken(row) : tokens.accessToken(row);
        try {
            boolean wasAlive = google.revoke(token);
            Log.infof("Revoked the grant of client %d at Google (%s)", clientId, wasAlive ? "was alive" : "was already dead");
        } catch (GoogleOAuthException e) {
            throw new UnavailableException("Google's revoke endpoint failed (" + e.error() + "); the tokens are kept, try again");
        }
        database.inTransaction(c -> tokens.delete(c, clientId));
        return true;
    }

    /** The grant's state without any token. */
    public TokenStatus status(long clientId) {
        return database.inTransaction(c -> {
            clients.find(c, clientId).orElseThrow(() -> unknownClient(clientId));
            return tokens.status(c, clientId).orElseGet(() ->
                    new TokenStatus(clientId, false, false, null, false, null, "not_connected", 0, null, null));
        });
    }

    private static void requireUsable(long clientId, TokenRepository.Stored row) {
        if (row == null) {
            throw new ReconnectRequiredException(clientId, "not_connected",
                    "client " + clientId + " has no token yet; the business must complete the OAuth flow");
        }
        if (!row.valid()) {
            throw new ReconnectRequiredException(clientId, row.invalidReason() == null ? "invalid" : row.invalidReason(),
                    "the grant of client " + clientId + " is no longer valid (" + row.invalidReason() + "); the business must reconnect");
        }
    }

    private static NotFoundException unknownClient(long clientId) {
        return new NotFoundException("client " + clientId);
    }

    private void count(String outcome) {
        metrics.counter("token_service_token_refreshes_total", "outcome", outcome).increment();
    }
}
