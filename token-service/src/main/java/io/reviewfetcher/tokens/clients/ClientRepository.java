package io.reviewfetcher.tokens.clients;

import io.reviewfetcher.tokens.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code clients} table. Each method runs inside the caller's transaction ({@link io.reviewfetcher.tokens.storage.Database}),
 * so a client can be read together with its token row under one lock. The secret is sealed here and opened
 * only for a call to Google.
 */
@ApplicationScoped
public class ClientRepository {

    private static final String COLUMNS = "id, google_client_id, client_secret, redirect_uri, name, is_active, "
            + "attention_reason, attention_since, created_at, updated_at";

    private final SecretCipher cipher;

    public ClientRepository(SecretCipher cipher) {
        this.cipher = cipher;
    }

    public Client insert(Connection c, String googleClientId, String secret, String redirectUri, String name) throws SQLException {
        long id;
        try (PreparedStatement insert = c.prepareStatement(
                "insert into clients (google_client_id, client_secret, redirect_uri, name) values (?, '', ?, ?) returning id")) {
            insert.setString(1, googleClientId);
            insert.setString(2, redirectUri);
            insert.setString(3, name);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        }
        // The sealed secret is bound to the row id, which exists only now.
        try (PreparedStatement seal = c.prepareStatement("update clients set client_secret = ? where id = ?")) {
            seal.setString(1, cipher.seal(secret, Client.secretContext(id)));
            seal.setLong(2, id);
            seal.executeUpdate();
        }
        return find(c, id).orElseThrow();
    }

    public Optional<Client> find(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from clients where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    public boolean exists(Connection c, long id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from clients where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    public List<Client> list(Connection c, int limit, int offset) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from clients order by id limit ? offset ?")) {
            select.setInt(1, limit);
            select.setInt(2, offset);
            List<Client> clients = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    clients.add(read(row));
                }
            }
            return clients;
        }
    }

    /**
     * Changes the given fields. An operator's change also clears a refusal mark: the next refresh tells whether
     * Google takes the client now (and marks it again if not).
     */
    public void update(Connection c, long id, String secret, String redirectUri, String name, Boolean active) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update clients set "
                + "client_secret = coalesce(?, client_secret), redirect_uri = coalesce(?, redirect_uri), "
                + "name = coalesce(?, name), is_active = coalesce(?, is_active), attention_reason = null, "
                + "attention_since = null, updated_at = now() where id = ?")) {
            update.setString(1, secret == null ? null : cipher.seal(secret, Client.secretContext(id)));
            update.setString(2, redirectUri);
            update.setString(3, name);
            if (active == null) {
                update.setNull(4, Types.BOOLEAN);
            } else {
                update.setBoolean(4, active);
            }
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    /** Google refuses the client's credentials ({@code reason}: its error code); since when is kept from the first refusal. */
    public void markNeedsAttention(Connection c, long id, String reason) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update clients set attention_reason = ?, "
                + "attention_since = coalesce(attention_since, now()) where id = ?")) {
            update.setString(1, reason);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    /** Google took the client's credentials (a code exchange worked): the mark, if any, goes. */
    public void clearAttention(Connection c, long id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "update clients set attention_reason = null, attention_since = null where id = ? and attention_reason is not null")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from clients where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    /** The client's secret in clear, for a call to Google's token endpoint. */
    public String secretOf(Client client) {
        return cipher.open(client.sealedSecret(), Client.secretContext(client.id()));
    }

    private static Client read(ResultSet row) throws SQLException {
        return new Client(row.getLong("id"), row.getString("google_client_id"), row.getString("client_secret"),
                row.getString("redirect_uri"), row.getString("name"), row.getBoolean("is_active"),
                row.getString("attention_reason"), instant(row.getTimestamp("attention_since")),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
