package io.reviewfetcher.tokens.oauth;

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
 * The {@code oauth_states} table: authorization requests waiting for their callback, by the SHA-256 of their
 * state (the state itself is never stored), each with its PKCE verifier sealed and bound to that hash.
 * Each method runs inside the caller's transaction ({@link io.reviewfetcher.tokens.storage.Database}).
 */
@ApplicationScoped
public class OAuthStateRepository {

    private final SecretCipher cipher;

    public OAuthStateRepository(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A consumed state: the client it was made for and its verifier, still sealed. */
    public record Pending(String stateHash, long clientId, String sealedVerifier) {
        @Override
        public String toString() {
            return "Pending[clientId=" + clientId + "]";
        }
    }

    /** Forgets states that expired more than a day ago. */
    public void purgeExpired(Connection c) throws SQLException {
        try (PreparedStatement purge = c.prepareStatement("delete from oauth_states where expires_at < now() - interval '1 day'")) {
            purge.executeUpdate();
        }
    }

    public void insert(Connection c, String stateHash, long clientId, String verifier, Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into oauth_states (state_hash, client_id, code_verifier, expires_at) values (?, ?, ?, ?)")) {
            insert.setString(1, stateHash);
            insert.setLong(2, clientId);
            insert.setString(3, cipher.seal(verifier, verifierContext(stateHash)));
            insert.setTimestamp(4, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
    }

    /**
     * Marks the state used, if it is known, unused and not expired. One statement, so two callbacks with the
     * same state cannot both pass.
     */
    public Optional<Pending> consume(Connection c, String stateHash) throws SQLException {
        try (PreparedStatement consume = c.prepareStatement("update oauth_states set used_at = now() "
                + "where state_hash = ? and used_at is null and expires_at > now() returning client_id, code_verifier")) {
            consume.setString(1, stateHash);
            try (ResultSet row = consume.executeQuery()) {
                return row.next() ? Optional.of(new Pending(stateHash, row.getLong(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    /** The PKCE verifier of a consumed state, in clear, for the code exchange. */
    public String verifier(Pending pending) {
        return cipher.open(pending.sealedVerifier(), verifierContext(pending.stateHash()));
    }

    private static String verifierContext(String stateHash) {
        return "code_verifier:" + stateHash;
    }
}
