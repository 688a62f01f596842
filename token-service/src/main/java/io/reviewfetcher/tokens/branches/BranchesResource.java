package io.reviewfetcher.tokens.branches;

import io.reviewfetcher.tokens.db.Database;
import io.reviewfetcher.tokens.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Seed 002's branches: business locations under a client. Admin key required. */
@Path("/branches")
public class BranchesResource {

    private static final String COLUMNS = "id, branch_id, client_id, branch_name, account_id, location_id, email, "
            + "description, is_active, created_at, updated_at";

    private final Database database;

    public BranchesResource(Database database) {
        this.database = database;
    }

    @POST
    public Response create(@Valid @NotNull BranchJson.Create body) {
        BranchJson.View created = write(() -> database.inTransaction(c -> {
            requireClient(c, body.clientId());
            try (PreparedStatement insert = c.prepareStatement("insert into branches (branch_id, client_id, branch_name, "
                    + "account_id, location_id, email, description) values (?, ?, ?, ?, ?, ?, ?) returning id")) {
                insert.setString(1, body.branchId());
                insert.setLong(2, body.clientId());
                insert.setString(3, body.branchName());
                insert.setString(4, body.accountId());
                insert.setString(5, body.locationId());
                insert.setString(6, body.email());
                insert.setString(7, body.description());
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    return find(c, "id", row.getLong(1)).orElseThrow();
                }
            }
        }), body.branchId());
        return Response.created(URI.create("/branches/" + created.id())).entity(created).build();
    }

    @GET
    public List<BranchJson.View> list(@QueryParam("client_id") Long clientId,
                                      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from branches"
                    + (clientId == null ? "" : " where client_id = ?") + " order by id limit ? offset ?")) {
                int i = 1;
                if (clientId != null) {
                    select.setLong(i++, clientId);
                }
                select.setInt(i++, limit);
                select.setInt(i, offset);
                List<BranchJson.View> branches = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        branches.add(read(row));
                    }
                }
                return branches;
            }
        });
    }

    @GET
    @Path("/{id}")
    public BranchJson.View get(@PathParam("id") long id) {
        return database.inTransaction(c -> find(c, "id", id)).orElseThrow(() -> ProblemException.notFound("branch " + id));
    }

    @GET
    @Path("/by-branch-id/{branch_id}")
    public BranchJson.View byBranchId(@PathParam("branch_id") String branchId) {
        return database.inTransaction(c -> find(c, "branch_id", branchId))
                .orElseThrow(() -> ProblemException.notFound("branch with branch_id " + branchId));
    }

    @PATCH
    @Path("/{id}")
    public BranchJson.View update(@PathParam("id") long id, @Valid @NotNull BranchJson.Update body) {
        return write(() -> database.inTransaction(c -> {
            find(c, "id", id).orElseThrow(() -> ProblemException.notFound("branch " + id));
            if (body.clientId() != null) {
                requireClient(c, body.clientId());
            }
            try (PreparedStatement update = c.prepareStatement("update branches set branch_id = coalesce(?, branch_id), "
                    + "client_id = coalesce(?, client_id), branch_name = coalesce(?, branch_name), "
                    + "account_id = coalesce(?, account_id), location_id = coalesce(?, location_id), "
                    + "email = coalesce(?, email), description = coalesce(?, description), "
                    + "is_active = coalesce(?, is_active), updated_at = now() where id = ?")) {
                update.setString(1, body.branchId());
                if (body.clientId() == null) {
                    update.setNull(2, Types.BIGINT);
                } else {
                    update.setLong(2, body.clientId());
                }
                update.setString(3, body.branchName());
                update.setString(4, body.accountId());
                update.setString(5, body.locationId());
                update.setString(6, body.email());
                update.setString(7, body.description());
                if (body.active() == null) {
                    update.setNull(8, Types.BOOLEAN);
                } else {
                    update.setBoolean(8, body.active());
                }
                update.setLong(9, id);
                update.executeUpdate();
            }
            return find(c, "id", id).orElseThrow();
        }), body.branchId());
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        boolean deleted = database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from branches where id = ?")) {
                delete.setLong(1, id);
                return delete.executeUpdate() == 1;
            }
        });
        if (!deleted) {
            throw ProblemException.notFound("branch " + id);
        }
        return Response.noContent().build();
    }

    private interface Write<T> {
        T run();
    }

    /** Runs a write, turning a duplicate branch_id into 409 and a vanished client into 400. */
    private static <T> T write(Write<T> write, String branchId) {
        try {
            return write.run();
        } catch (Database.DatabaseException e) {
            if (Database.isUniqueViolation(e)) {
                throw ProblemException.conflict("a branch with branch_id " + branchId + " already exists");
            }
            if (Database.isForeignKeyViolation(e)) {
                throw ProblemException.badRequest("client_id", "names no existing client");
            }
            throw e;
        }
    }

    private static void requireClient(Connection c, long clientId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from clients where id = ?")) {
            select.setLong(1, clientId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw ProblemException.badRequest("client_id", "names no existing client");
                }
            }
        }
    }

    private static Optional<BranchJson.View> find(Connection c, String column, Object value) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from branches where " + column + " = ?")) {
            select.setObject(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private static BranchJson.View read(ResultSet row) throws SQLException {
        return new BranchJson.View(row.getLong("id"), row.getString("branch_id"), row.getLong("client_id"),
                row.getString("branch_name"), row.getString("account_id"), row.getString("location_id"),
                row.getString("email"), row.getString("description"), row.getBoolean("is_active"),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
