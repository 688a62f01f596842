package io.reviewfetcher.tokens.grants;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.reviewfetcher.tokens.clients.Client;
import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.config.TokenServiceConfig;
import io.reviewfetcher.tokens.crypto.SecretCipher;
import io.reviewfetcher.tokens.db.Database;
import io.reviewfetcher.tokens.google.GoogleOAuth;
import io.reviewfetcher.tokens.google.GoogleOAuthException;
import io.reviewfetcher.tokens.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The OAuth tokens of managed clients: kept sealed in PostgreSQL, handed out valid, refreshed shortly
 * before they expire. Several pods asking at once cause one refresh: the refresh runs while holding the
 * token row's lock ({@code select … for update}), and whoever gets the lock next finds the fresh token.
 */
@ApplicationScoped
public class ManagedTokens {

    /** A refresh that fails for a passing reason still hands out the current token while it has this much left. */
    private static final Duration STILL_USABLE = Duration.ofSeconds(30);

    private final Database database;
    private final ClientRepository clients;
    private final GoogleOAuth google;
    private final SecretCipher cipher;
    private final Duration refreshBefore;
    private final MeterRegistry metrics;

    public ManagedTokens(Database database, ClientRepository clients, GoogleOAuth google, SecretCipher cipher,
                         TokenServiceConfig config, MeterRegistry metrics) {
        this.database = database;
        this.clients = clients;
        this.google = google;
        this.cipher = cipher;
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

    private record Row(String sealedAccess, String sealedRefresh, Instant expiresAt, boolean valid, String invalidReason,
                       Instant updatedAt) {
    }

    /**
     * A valid access token of the client, refreshed first when it expires within the refresh margin.
     *
     * @throws ProblemException 404 for an unknown client, 503 when Google or the database cannot be reached
     * @throws ReconnectRequiredException when only a new consent can help
     */
    public Current valid(long clientId) {
        Row row = database.inTransaction(c -> {
            Client client = clients.find(c, clientId).orElseThrow(() -> ProblemException.notFound("client " + clientId));
            if (!client.active()) {
                throw new ReconnectRequiredException(clientId, "inactive", "client " + clientId + " is deactivated");
            }
            return select(c, clientId, false).orElse(null);
        });
        requireUsable(clientId, row);
        if (row.expiresAt().isAfter(Instant.now().plus(refreshBefore))) {
            return new Current(openAccess(clientId, row), row.expiresAt());
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
            Client client = clients.find(c, clientId).orElseThrow(() -> ProblemException.notFound("client " + clientId));
            try (Statement timeout = c.createStatement()) {
                timeout.execute("set local lock_timeout = '20s'");
            }
            Row row = select(c, clientId, true).orElse(null);
            requireUsable(clientId, row);
            if (!force && row.expiresAt().isAfter(Instant.now().plus(refreshBefore))) {
                return new Current(openAccess(clientId, row), row.expiresAt());
            }
            if (force && row.updatedAt().isAfter(Instant.now().minus(unlessRefreshedWithin))) {
                return new Current(openAccess(clientId, row), row.expiresAt());
            }
            if (row.sealedRefresh() == null) {
                markInvalid(c, clientId, "no_refresh_token");
                c.commit();
                throw new ReconnectRequiredException(clientId, "no_refresh_token",
                        "client " + clientId + " has no refresh token; the business must reconnect");
            }
            GoogleOAuth.GrantedTokens granted;
            try {
                granted = google.refresh(client.googleClientId(), clients.secretOf(client),
                        cipher.open(row.sealedRefresh(), refreshContext(clientId)));
            } catch (GoogleOAuthException e) {
                if (e.isInvalidGrant()) {
                    markInvalid(c, clientId, "invalid_grant");
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
                    return new Current(openAccess(clientId, row), row.expiresAt());
                }
                throw ProblemException.unavailable("Google's token endpoint failed (" + e.error() + "); try again shortly");
            }
            Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
            try (PreparedStatement update = c.prepareStatement("update tokens set access_token = ?, "
                    + "refresh_token = coalesce(?, refresh_token), expires_at = ?, scope = coalesce(nullif(?, ''), scope), "
                    + "refresh_count = refresh_count + 1, updated_at = now() where client_id = ?")) {
                update.setString(1, cipher.seal(granted.accessToken(), accessContext(clientId)));
                update.setString(2, granted.refreshToken() == null ? null : cipher.seal(granted.refreshToken(), refreshContext(clientId)));
                update.setTimestamp(3, Timestamp.from(expiresAt));
                update.setString(4, granted.scope());
                update.setLong(5, clientId);
                update.executeUpdate();
            }
            count("success");
            Log.infof("Refreshed the access token of client %d; it expires at %s", clientId, expiresAt);
            return new Current(granted.accessToken(), expiresAt);
        });
    }

    /** Keeps what the code exchange granted; an answer without refresh token keeps the one held before. */
    public void store(Connection c, long clientId, GoogleOAuth.GrantedTokens granted) throws SQLException {
        Instant expiresAt = Instant.now().plusSeconds(granted.expiresInSeconds());
        try (PreparedStatement upsert = c.prepareStatement("insert into tokens (client_id, access_token, refresh_token, "
                + "expires_at, scope) values (?, ?, ?, ?, ?) on conflict (client_id) do update set "
                + "access_token = excluded.access_token, refresh_token = coalesce(excluded.refresh_token, tokens.refresh_token), "
                + "expires_at = excluded.expires_at, scope = excluded.scope, is_valid = true, invalid_reason = null, "
                + "updated_at = now()")) {
            upsert.setLong(1, clientId);
            upsert.setString(2, cipher.seal(granted.accessToken(), accessContext(clientId)));
            upsert.setString(3, granted.refreshToken() == null ? null : cipher.seal(granted.refreshToken(), refreshContext(clientId)));
            upsert.setTimestamp(4, Timestamp.from(expiresAt));
            upsert.setString(5, granted.scope());
            upsert.executeUpdate();
        }
    }

    /**
     * Revokes the client's grant at Google and forgets its tokens.
     *
     * @return false when there was nothing to revoke
     */
    public boolean revoke(long clientId) {
        Row row = database.inTransaction(c -> select(c, clientId, false).orElse(null));
        if (row == null) {
            return false;
        }
        String token = row.sealedRefresh() != null
                ? cipher.open(row.sealedRefresh(), refreshContext(clientId))
                : cipher.open(row.sealedAccess(), accessContext(clientId));
        try {
            boolean wasAlive = google.revoke(token);
            Log.infof("Revoked the grant of client %d at Google (%s)", clientId, wasAlive ? "was alive" : "was already dead");
        } catch (GoogleOAuthException e) {
            throw ProblemException.unavailable("Google's revoke endpoint failed (" + e.error() + "); the tokens are kept, try again");
        }
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from tokens where client_id = ?")) {
                delete.setLong(1, clientId);
                return delete.executeUpdate();
            }
        });
        return true;
    }

    public TokenStatus status(long clientId) {
        return database.inTransaction(c -> {
            clients.find(c, clientId).orElseThrow(() -> ProblemException.notFound("client " + clientId));
            try (PreparedStatement select = c.prepareStatement("select access_token, refresh_token is not null as has_refresh, "
                    + "expires_at, scope, is_valid, invalid_reason, refresh_count, updated_at from tokens where client_id = ?")) {
                select.setLong(1, clientId);
                try (ResultSet r = select.executeQuery()) {
                    if (!r.next()) {
                        return new TokenStatus(clientId, false, false, null, false, null, "not_connected", 0, null, null);
                    }
                    Instant expiresAt = r.getTimestamp("expires_at").toInstant();
                    boolean valid = r.getBoolean("is_valid") && expiresAt.isAfter(Instant.now());
                    return new TokenStatus(clientId, true, valid, expiresAt, r.getBoolean("has_refresh"), r.getString("scope"),
                            r.getString("invalid_reason"), r.getInt("refresh_count"),
                            SecretCipher.keyIdOf(r.getString("access_token")), r.getTimestamp("updated_at").toInstant());
                }
            }
        });
    }

    private void requireUsable(long clientId, Row row) {
        if (row == null) {
            throw new ReconnectRequiredException(clientId, "not_connected",
                    "client " + clientId + " has no token yet; the business must complete the OAuth flow");
        }
        if (!row.valid()) {
            throw new ReconnectRequiredException(clientId, row.invalidReason() == null ? "invalid" : row.invalidReason(),
                    "the grant of client " + clientId + " is no longer valid (" + row.invalidReason() + "); the business must reconnect");
        }
    }

    private String openAccess(long clientId, Row row) {
        return cipher.open(row.sealedAccess(), accessContext(clientId));
    }

    private static Optional<Row> select(Connection c, long clientId, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select access_token, refresh_token, expires_at, is_valid, "
                + "invalid_reason, updated_at from tokens where client_id = ?" + (lock ? " for update" : ""))) {
            select.setLong(1, clientId);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(r.getString("access_token"), r.getString("refresh_token"),
                        r.getTimestamp("expires_at").toInstant(), r.getBoolean("is_valid"), r.getString("invalid_reason"),
                        r.getTimestamp("updated_at").toInstant()));
            }
        }
    }

    private static void markInvalid(Connection c, long clientId, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update tokens set is_valid = false, invalid_reason = ?, updated_at = now() where client_id = ?")) {
            update.setString(1, reason);
            update.setLong(2, clientId);
            update.executeUpdate();
        }
    }

    private void count(String outcome) {
        metrics.counter("token_service_token_refreshes_total", "outcome", outcome).increment();
    }

    static String accessContext(long clientId) {
        return "access_token:" + clientId;
    }

    static String refreshContext(long clientId) {
        return "refresh_token:" + clientId;
    }
}
