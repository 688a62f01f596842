package io.reviewfetcher.tokens.clients;

import io.reviewfetcher.tokens.db.Database;
import io.reviewfetcher.tokens.grants.ManagedTokens;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

/** Seed 002's clients: the Google OAuth app credentials of a business or agency. Admin key required. */
@Path("/clients")
public class ClientsResource {

    private final Database database;
    private final ClientRepository clients;
    private final ManagedTokens tokens;

    public ClientsResource(Database database, ClientRepository clients, ManagedTokens tokens) {
        this.database = database;
        this.clients = clients;
        this.tokens = tokens;
    }

    @POST
    public Response create(@Valid @NotNull ClientJson.Create body) {
        Client created = database.inTransaction(c ->
                clients.insert(c, body.clientId(), body.clientSecret(), body.redirectUri(), body.name()));
        return Response.created(URI.create("/clients/" + created.id())).entity(ClientJson.View.of(created)).build();
    }

    @GET
    public List<ClientJson.View> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return database.inTransaction(c -> clients.list(c, limit, offset)).stream().map(ClientJson.View::of).toList();
    }

    @GET
    @Path("/{id}")
    public ClientJson.View get(@PathParam("id") long id) {
        return ClientJson.View.of(database.inTransaction(c -> clients.find(c, id))
                .orElseThrow(() -> ProblemException.notFound("client " + id)));
    }

    @PATCH
    @Path("/{id}")
    public ClientJson.View update(@PathParam("id") long id, @Valid @NotNull ClientJson.Update body) {
        if (body.clientId() != null) {
            throw ProblemException.badRequest("client_id", "cannot change: register a new client instead");
        }
        return ClientJson.View.of(database.inTransaction(c -> {
            clients.find(c, id).orElseThrow(() -> ProblemException.notFound("client " + id));
            clients.update(c, id, body.clientSecret(), body.redirectUri(), body.name(), body.active());
            return clients.find(c, id).orElseThrow();
        }));
    }

    /** Deletes a client with its tokens (revoked at Google first); refused while branches still name it. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        Client client = database.inTransaction(c -> clients.find(c, id))
                .orElseThrow(() -> ProblemException.notFound("client " + id));
        long branches = database.inTransaction(c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) from branches where client_id = ?")) {
                count.setLong(1, id);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
        if (branches > 0) {
            throw ProblemException.conflict("client " + id + " still has " + branches + " branch(es); delete or move them first");
        }
        tokens.revoke(client.id());
        try {
            database.inTransaction(c -> clients.delete(c, id));
        } catch (Database.DatabaseException e) {
            if (Database.isForeignKeyViolation(e)) {
                throw ProblemException.conflict("client " + id + " gained a branch meanwhile; delete or move it first");
            }
            throw e;
        }
        return Response.noContent().build();
    }
}
