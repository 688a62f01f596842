package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.data.Account;
import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.faults.FaultState;
import io.reviewfetcher.emulator.google.model.AccountJson;
import io.reviewfetcher.emulator.google.model.ListAccountsResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** My Business Account Management API v1: accounts.list. The personal account always comes first. */
@Path("/v1/accounts")
public class AccountsResource {

    private static final int MAX_PAGE_SIZE = 20;
    private static final Pattern TYPE_FILTER = Pattern.compile("\\s*type\\s*=\\s*\"?([A-Z_]+)\"?\\s*");
    private static final Set<String> TYPES = Set.of("PERSONAL", "LOCATION_GROUP", "USER_GROUP", "ORGANIZATION");
    /** ListAccountsRequest's fields. */
    private static final Set<String> FIELDS = Set.of("pageSize", "pageToken", "parentAccount", "filter");

    private final GoogleApiGate gate;
    private final DataSet data;
    private final RequestParams params;
    private final PageTokens pageTokens;
    private final GoogleErrors errors;
    private final GoogleJson json;
    private final FaultState faults;

    public AccountsResource(GoogleApiGate gate, DataSet data, RequestParams params, PageTokens pageTokens,
                            GoogleErrors errors, GoogleJson json, FaultState faults) {
        this.faults = faults;
        this.gate = gate;
        this.data = data;
        this.params = params;
        this.pageTokens = pageTokens;
        this.errors = errors;
        this.json = json;
    }

    // The query is read whole (GoogleQuery); these name its fields for the OpenAPI document.
    @GET
    @Parameter(name = "pageSize", in = ParameterIn.QUERY)
    @Parameter(name = "pageToken", in = ParameterIn.QUERY)
    @Parameter(name = "parentAccount", in = ParameterIn.QUERY)
    @Parameter(name = "filter", in = ParameterIn.QUERY)
    public Uni<Response> list(@Context UriInfo uri, @HeaderParam("Authorization") String authorization) {
        return list(GoogleQuery.of(uri.getQueryParameters()), authorization);
    }

    Uni<Response> list(GoogleQuery query, String authorization) {
        String pageSize = query.get("pageSize");
        String pageToken = query.get("pageToken");
        String parentAccount = query.get("parentAccount");
        String filter = query.get("filter");
        return gate.serve(GoogleEndpoint.ACCOUNTS_LIST, parentAccount == null ? "" : parentAccount, pageToken, authorization,
                query.accessToken(), () -> {
            params.onlyKnown(query, FIELDS);
            int size = faults.current().pageSize(GoogleEndpoint.ACCOUNTS_LIST.id, params.pageSize(pageSize, MAX_PAGE_SIZE, MAX_PAGE_SIZE));
            List<Account> accounts = data.accounts();
            if (parentAccount != null && !parentAccount.isEmpty()) {
                // The data set has no account hierarchy: a known parent has no sub-accounts.
                String id = parentAccount.startsWith("accounts/") ? parentAccount.substring(9) : "";
                data.account(id).orElseThrow(errors::notFound);
                accounts = List.of();
            }
            if (filter != null && !filter.isBlank()) {
                Matcher m = TYPE_FILTER.matcher(filter);
                if (!m.matches() || !TYPES.contains(m.group(1))) {
                    throw errors.invalidArgument("filter", "Invalid filter: " + filter
                            + ". Only filtering by type is supported, e.g. type=USER_GROUP.");
                }
                accounts = accounts.stream().filter(a -> a.type().equals(m.group(1))).toList();
            }
            String listing = "accounts.list|" + parentAccount + "|" + filter;
            int offset = 0;
            if (pageToken != null && !pageToken.isEmpty()) {
                offset = pageTokens.decode(listing, pageToken)
                        .orElseThrow(() -> errors.invalidArgument("page_token", "Invalid page token."))
                        .offset();
            }
            int end = Math.min(accounts.size(), offset + size);
            List<AccountJson> page = accounts.subList(Math.min(offset, end), end).stream().map(AccountJson::of).toList();
            String next = end < accounts.size() ? pageTokens.encode(listing, 0, end) : null;
            return json.write(new ListAccountsResponse(page, next));
        });
    }
}
