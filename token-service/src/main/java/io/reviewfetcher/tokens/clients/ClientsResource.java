package io.reviewfetcher.tokens.clients;

import io.reviewfetcher.support.problem.ProblemException;
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
import java.util.List;

/** {@code /clients}: the Google OAuth app credentials of a business or agency. Admin key required. */
@Path("/clients")
public class ClientsResource {

    private final ClientService clients;

    public ClientsResource(ClientService clients) {
        this.clients = clients;
    }

    @POST
    public Response create(@Valid @NotNull ClientJson.Create body) {
        Client created = clients.create(body.clientId(), body.clientSecret(), body.redirectUri(), body.name());
        return Response.created(URI.create("/clients/" + created.id())).entity(ClientJson.View.of(created)).build();
    }

    @GET
    public List<ClientJson.View> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return clients.list(limit, offset).stream().map(ClientJson.View::of).toList();
    }

    @GET
    @Path("/{id}")
    public ClientJson.View get(@PathParam("id") long id) {
        return ClientJson.View.of(clients.get(id));
    }

    @PATCH
    @Path("/{id}")
    public ClientJson.View update(@PathParam("id") long id, @Valid @NotNull ClientJson.Update body) {
        if (body.clientId() != null) {
            throw ProblemException.badRequest("client_id", "cannot change: register a new client instead");
        }
        return ClientJson.View.of(clients.update(id, body.clientSecret(), body.redirectUri(), body.name(), body.active()));
    }

    /** Deletes a client with its tokens (revoked at Google first); 409 while branches still name it. */
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        clients.delete(id);
        return Response.noContent().build();
    }
}
