package io.reviewfetcher.tokens.branches;

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

/** {@code /branches}: business locations under a client. Admin key required. */
@Path("/branches")
public class BranchesResource {

    private final BranchService branches;

    public BranchesResource(BranchService branches) {
        this.branches = branches;
    }

    @POST
    public Response create(@Valid @NotNull BranchJson.Create body) {
        BranchJson.View created = BranchJson.View.of(branches.create(body.fields()));
        return Response.created(URI.create("/branches/" + created.id())).entity(created).build();
    }

    @GET
    public List<BranchJson.View> list(@QueryParam("client_id") Long clientId,
                                      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        return branches.list(clientId, limit, offset).stream().map(BranchJson.View::of).toList();
    }

    @GET
    @Path("/{id}")
    public BranchJson.View get(@PathParam("id") long id) {
        return BranchJson.View.of(branches.get(id));
    }

    @GET
    @Path("/by-branch-id/{branch_id}")
    public BranchJson.View byBranchId(@PathParam("branch_id") String branchId) {
        return BranchJson.View.of(branches.byBranchId(branchId));
    }

    @PATCH
    @Path("/{id}")
    public BranchJson.View update(@PathParam("id") long id, @Valid @NotNull BranchJson.Update body) {
        return BranchJson.View.of(branches.update(id, body.fields()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        branches.delete(id);
        return Response.noContent().build();
    }
}
