package io.reviewfetcher.tokens.clients;

import io.reviewfetcher.tokens.branches.BranchRepository;
import io.reviewfetcher.tokens.errors.ConflictException;
import io.reviewfetcher.tokens.errors.NotFoundException;
import io.reviewfetcher.tokens.grants.ManagedTokens;
import io.reviewfetcher.tokens.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The Google OAuth app credentials of businesses and agencies: each operation in its own transaction,
 * outcomes as domain exceptions ({@link NotFoundException}, {@link ConflictException}).
 */
@ApplicationScoped
public class ClientService {

    private final Database database;
    private final ClientRepository clients;
    private final BranchRepository branches;
    private final ManagedTokens tokens;

    public ClientService(Database database, ClientRepository clients, BranchRepository branches, ManagedTokens tokens) {
        this.database = database;
        this.clients = clients;
        this.branches = branches;
        this.tokens = tokens;
    }

    public Client create(String googleClientId, String secret, String redirectUri, String name) {
        return database.inTransaction(c -> clients.insert(c, googleClientId, secret, redirectUri, name));
    }

    public List<Client> list(int limit, int offset) {
        return database.inTransaction(c -> clients.list(c, limit, offset));
    }

    public Client get(long id) {
        return database.inTransaction(c -> clients.find(c, id)).orElseThrow(() -> notFound(id));
    }

    /** Changes the given fields; null ones stay as they are. */
    public Client update(long id, String secret, String redirectUri, String name, Boolean active) {
        return database.inTransaction(c -> {
            clients.find(c, id).orElseThrow(() -> notFound(id));
            clients.update(c, id, secret, redirectUri, name, active);
            return clients.find(c, id).orElseThrow();
        });
    }

    /** Deletes a client with its tokens (revoked at Google first); refused while branches still name it. */
    public void delete(long id) {
        Client client = get(id);
        long named = database.inTransaction(c -> branches.countForClient(c, id));
        if (named > 0) {
            throw new ConflictException("client " + id + " still has " + named + " branch(es); delete or move them first");
        }
        tokens.revoke(client.id());
        try {
            database.inTransaction(c -> clients.delete(c, id));
        } catch (Database.DatabaseException e) {
            if (Database.isForeignKeyViolation(e)) {
                throw new ConflictException("client " + id + " gained a branch meanwhile; delete or move it first");
            }
            throw e;
        }
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("client " + id);
    }
}
