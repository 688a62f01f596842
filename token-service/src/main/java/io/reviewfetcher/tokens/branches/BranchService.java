package io.reviewfetcher.tokens.branches;

import io.reviewfetcher.tokens.clients.ClientRepository;
import io.reviewfetcher.tokens.errors.ConflictException;
import io.reviewfetcher.tokens.errors.InvalidInputException;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Business locations under a client: each operation in its own transaction. A duplicate branch_id is a
 * {@link ConflictException}, a client_id that names no client an {@link InvalidInputException}.
 */
@ApplicationScoped
public class BranchService {

    private final Database database;
    private final BranchRepository branches;
    private final ClientRepository clients;

    public BranchService(Database database, BranchRepository branches, ClientRepository clients) {
        this.database = database;
        this.branches = branches;
        this.clients = clients;
    }

    public Branch create(Branch.Fields fields) {
        return write(() -> database.inTransaction(c -> {
            requireClient(c, fields.clientId());
            long id = branches.insert(c, fields);
            return branches.find(c, id).orElseThrow();
        }), fields.branchId());
    }

    public List<Branch> list(Long clientId, int limit, int offset) {
        return database.inTransaction(c -> branches.list(c, clientId, limit, offset));
    }

    public Branch get(long id) {
        return database.inTransaction(c -> branches.find(c, id)).orElseThrow(() -> new NotFoundException("branch " + id));
    }

    public Branch byBranchId(String branchId) {
        return database.inTransaction(c -> branches.findByBranchId(c, branchId))
                .orElseThrow(() -> new NotFoundException("branch with branch_id " + branchId));
    }

    /** Changes the given fields; null ones stay as they are. */
    public Branch update(long id, Branch.Fields fields) {
        return write(() -> database.inTransaction(c -> {
            branches.find(c, id).orElseThrow(() -> new NotFoundException("branch " + id));
            if (fields.clientId() != null) {
                requireClient(c, fields.clientId());
            }
            branches.update(c, id, fields);
            return branches.find(c, id).orElseThrow();
        }), fields.branchId());
    }

    public void delete(long id) {
        if (!database.inTransaction(c -> branches.delete(c, id))) {
            throw new NotFoundException("branch " + id);
        }
    }

    /** Runs a write, turning a duplicate branch_id into a conflict and a client that vanished meanwhile into bad input. */
    private static <T> T write(Supplier<T> write, String branchId) {
        try {
            return write.get();
        } catch (Database.DatabaseException e) {
            if (Database.isUniqueViolation(e)) {
                throw new ConflictException("a branch with branch_id " + branchId + " already exists");
            }
            if (Database.isForeignKeyViolation(e)) {
                throw unknownClient();
            }
            throw e;
        }
    }

    private void requireClient(Connection c, long clientId) throws SQLException {
        if (!clients.exists(c, clientId)) {
            throw unknownClient();
        }
    }

    private static InvalidInputException unknownClient() {
        return new InvalidInputException("client_id", "names no existing client");
    }
}
