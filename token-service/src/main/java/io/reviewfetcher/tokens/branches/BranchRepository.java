package io.reviewfetcher.tokens.branches;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code branches} table. Each method runs inside the caller's transaction ({@link io.reviewfetcher.tokens.storage.Database}). */
@ApplicationScoped
public class BranchRepository {

    private static final String COLUMNS = "id, branch_id, client_id, branch_name, account_id, location_id, email, "
            + "description, is_active, created_at, updated_at";

    /** Inserts a branch and returns its id; a duplicate branch_id or an unknown client fails with the constraint's SQLState. */
    public long insert(Connection c, Branch.Fields fields) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into branches (branch_id, client_id, branch_name, "
                + "account_id, location_id, email, description) values (?, ?, ?, ?, ?, ?, ?) returning id")) {
            insert.setString(1, fields.branchId());
            insert.setLong(2, fields.clientId());
            insert.setString(3, fields.branchName());
            insert.setString(4, fields.accountId());
            insert.setString(5, fields.locationId());
            insert.setString(6, fields.email());
            insert.setString(7, fields.description());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    public Optional<Branch> find(Connection c, long id) throws SQLException {
        return findBy(c, "id", id);
    }

    public Optional<Branch> findByBranchId(Connection c, String branchId) throws SQLException {
        return findBy(c, "branch_id", branchId);
    }

    /** A page of branches in id order, of one client when {@code clientId} is given. */
    public List<Branch> list(Connection c, Long clientId, int limit, int offset) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from branches"
                + (clientId == null ? "" : " where client_id = ?") + " order by id limit ? offset ?")) {
            int i = 1;
            if (clientId != null) {
                select.setLong(i++, clientId);
            }
            select.setInt(i++, limit);
            select.setInt(i, offset);
            List<Branch> branches = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    branches.add(read(row));
                }
            }
            return branches;
        }
    }

    /** Sets the non-null fields. */
    public void update(Connection c, long id, Branch.Fields fields) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update branches set branch_id = coalesce(?, branch_id), "
                + "client_id = coalesce(?, client_id), branch_name = coalesce(?, branch_name), "
                + "account_id = coalesce(?, account_id), location_id = coalesce(?, location_id), "
                + "email = coalesce(?, email), description = coalesce(?, description), "
                + "is_active = coalesce(?, is_active), updated_at = now() where id = ?")) {
            update.setString(1, fields.branchId());
            if (fields.clientId() == null) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, fields.clientId());
            }
            update.setString(3, fields.branchName());
            update.setString(4, fields.accountId());
            update.setString(5, fields.locationId());
            update.setString(6, fields.email());
            update.setString(7, fields.description());
            if (fields.active() == null) {
                update.setNull(8, Types.BOOLEAN);
            } else {
                update.setBoolean(8, fields.active());
            }
            update.setLong(9, id);
            update.executeUpdate();
        }
    }

    public boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from branches where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    /** How many branches name the client (a client is not deleted while any do). */
    public long countForClient(Connection c, long clientId) throws SQLException {
        try (PreparedStatement count = c.prepareStatement("select count(*) from branches where client_id = ?")) {
            count.setLong(1, clientId);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static Optional<Branch> findBy(Connection c, String column, Object value) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from branches where " + column + " = ?")) {
            select.setObject(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static Branch read(ResultSet row) throws SQLException {
        return new Branch(row.getLong("id"), row.getString("branch_id"), row.getLong("client_id"),
                row.getString("branch_name"), row.getString("account_id"), row.getString("location_id"),
                row.getString("email"), row.getString("description"), row.getBoolean("is_active"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
