package io.reviewfetcher.tokens.grants;

import io.reviewfetcher.tokens.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code tokens} table: one grant per client, its tokens sealed with {@link SecretCipher} and bound to
 * the client and field. Each method runs inside the caller's transaction ({@link io.reviewfetcher.tokens.storage.Database}).
 */
@ApplicationScoped
public class TokenRepository {

    private final SecretCipher cipher;

    public TokenRepository(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * A client's token row as stored (tokens still sealed); open them with {@link #accessToken} and
     * {@link #refreshToken}. {@code version} rises with every write: the optimistic check of a refresh.
     */
    public record Stored(long clientId, String sealedAccess, String sealedRefresh, Instant expiresAt, boolean valid,
                         String invalidReason, Instant updatedAt, long version) {

        public boolean hasRefreshToken() {
            return sealedRefresh != null;
        }

        @Override
        public String toString() {
            return "Stored[clientId=" + clientId + ", expiresAt=" + expiresAt + ", valid=" + valid + ", version=" + version + "]";
        }
    }

    /** The client's row. */
    public Optional<Stored> find(Connection c, long clientId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select access_token, refresh_token, expires_at, is_valid, "
                + "invalid_reason, updated_at, version from tokens where client_id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(clientId, r.getString("access_token"), r.getString("refresh_token"),
                        r.getTimestamp("expires_at").toInstant(), r.getBoolean("is_valid"), r.getString("invalid_reason"),
                        r.getTimestamp("updated_at").toInstant(), r.getLong("version")));
            }
        }
    }

    public String accessToken(Stored row) {
        return cipher.open(row.sealedAccess(), accessContext(row.clientId()));
    }

    public String refreshToken(Stored row) {
        return cipher.open(row.sealedRefresh(), refreshContext(row.clientId()));
    }

    /** Keeps what a code exchange granted; without a refresh token, the one held before stays. The grant is valid again. */
    public void store(Connection c, long clientId, String accessToken, String refreshToken, Instant expiresAt, String scope)
            throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("insert into tokens (client_id, access_token, refresh_token, "
                + "expires_at, scope) values (?, ?, ?, ?, ?) on conflict (client_id) do update set "
                + "access_token = excluded.access_token, refresh_token = coalesce(excluded.refresh_token, tokens.refresh_token), "
                + "expires_at = excluded.expires_at, scope = excluded.scope, is_valid = true, invalid_reason = null, "
                + "updated_at = now(), version = tokens.version + 1")) {
            upsert.setLong(1, clientId);
            upsert.setString(2, cipher.seal(accessToken, accessContext(clientId)));
            upsert.setString(3, refreshToken == null ? null : cipher.seal(refreshToken, refreshContext(clientId)));
            upsert.setTimestamp(4, Timestamp.from(expiresAt));
            upsert.setString(5, scope);
            upsert.executeUpdate();
        }
    }

    /**
     * Keeps what a refresh granted and counts the refresh, if the row is still at {@code version} (what the
     * refresh started from); a missing refresh token or scope keeps the one held.
     *
     * @return false when the row was written meanwhile (another refresh, a new consent), which then stays
     */
    public boolean saveRefreshed(Connection c, long clientId, long version, String accessToken, String refreshToken,
                                 Instant expiresAt, String scope) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update tokens set access_token = ?, "
                + "refresh_token = coalesce(?, refresh_token), expires_at = ?, scope = coalesce(nullif(?, ''), scope), "
                + "refresh_count = refresh_count + 1, updated_at = now(), version = version + 1 "
                + "where client_id = ? and version = ?")) {
            update.setString(1, cipher.seal(accessToken, accessContext(clientId)));
            update.setString(2, refreshToken == null ? null : cipher.seal(refreshToken, refreshContext(clientId)));
            update.setTimestamp(3, Timestamp.from(expiresAt));
            update.setString(4, scope);
            update.setLong(5, clientId);
            update.setLong(6, version);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * The grant is dead for {@code reason} until the business reconnects, if the row is still at {@code version}:
     * a refusal of an old refresh token does not kill a grant renewed meanwhile.
     *
     * @return false when the row was written meanwhile
     */
    public boolean markInvalid(Connection c, long clientId, long version, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update tokens set is_valid = false, invalid_reason = ?, "
                + "updated_at = now(), version = version + 1 where client_id = ? and version = ?")) {
            update.setString(1, reason);
            update.setLong(2, clientId);
            update.setLong(3, version);
            return update.executeUpdate() == 1;
        }
    }

    public int delete(Connection c, long clientId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from tokens where client_id = ?")) {
            delete.setLong(1, clientId);
            return delete.executeUpdate();
        }
    }

    /** The grant's state without any token; empty when the client never connected (or was revoked). */
    public Optional<TokenStatus> status(Connection c, long clientId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select access_token, refresh_token is not null as has_refresh, "
                + "expires_at, scope, is_valid, invalid_reason, refresh_count, updated_at from tokens where client_id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Instant expiresAt = r.getTimestamp("expires_at").toInstant();
                boolean valid = r.getBoolean("is_valid") && expiresAt.isAfter(Instant.now());
                return Optional.of(new TokenStatus(clientId, true, valid, expiresAt, r.getBoolean("has_refresh"), r.getString("scope"),
                        r.getString("invalid_reason"), r.getInt("refresh_count"),
                        SecretCipher.keyIdOf(r.getString("access_token")), r.getTimestamp("updated_at").toInstant()));
            }
        }
    }

    static String accessContext(long clientId) {
        return "access_token:" + clientId;
    }

    static String refreshContext(long clientId) {
        return "refresh_token:" + clientId;
    }
}
