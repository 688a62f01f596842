package io.reviewfetcher.emulator.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reviewfetcher.emulator.data.Account;
import io.reviewfetcher.emulator.data.DataSet;
import io.reviewfetcher.emulator.data.Location;
import io.reviewfetcher.emulator.faults.FaultState;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** My Business Business Information API v1: accounts.locations.list, readMask required. */
@Path("/v1/accounts/{accountId}/locations")
public class LocationsResource {

    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE_SIZE = 100;
    /** ListLocationsRequest's fields but the parent, which is the path. */
    private static final Set<String> FIELDS = Set.of("readMask", "pageSize", "pageToken", "filter", "orderBy");
    private static final Pattern TITLE_FILTER = Pattern.compile("\\s*title\\s*=\\s*\"([^\"]*)\"\\s*");

    private final GoogleApiGate gate;
    private final DataSet data;
    private final LocationAccess access;
    private final RequestParams params;
    private final PageTokens pageTokens;
    private final GoogleErrors errors;
    private final GoogleJson json;
    private final FaultState faults;

    public LocationsResource(GoogleApiGate gate, DataSet data, LocationAccess access, RequestParams params,
                             PageTokens pageTokens, GoogleErrors errors, GoogleJson json, FaultState faults) {
        this.faults = faults;
        this.gate = gate;
        this.data = data;
        this.access = access;
        this.params = params;
        this.pageTokens = pageTokens;
        this.errors = errors;
        this.json = json;
    }

    // The query is read whole (GoogleQuery); these name its fields for the OpenAPI document.
    @GET
    @Parameter(name = "readMask", in = ParameterIn.QUERY, required = true)
    @Parameter(name = "pageSize", in = ParameterIn.QUERY)
    @Parameter(name = "pageToken", in = ParameterIn.QUERY)
    @Parameter(name = "filter", in = ParameterIn.QUERY)
    @Parameter(name = "orderBy", in = ParameterIn.QUERY)
    public Uni<Response> list(@PathParam("accountId") String accountId, @Context UriInfo uri,
                              @HeaderParam("Authorization") String authorization) {
        return list(accountId, GoogleQuery.of(uri.getQueryParameters()), authorization);
    }

    Uni<Response> list(String accountId, GoogleQuery query, String authorization) {
        String readMask = query.get("readMask");
        String pageSize = query.get("pageSize");
        String pageToken = query.get("pageToken");
        String filter = query.get("filter");
        String orderBy = query.get("orderBy");
        return gate.serve(GoogleEndpoint.LOCATIONS_LIST, "accounts/" + accountId, pageToken, authorization,
                query.accessToken(), () -> {
            params.onlyKnown(query, FIELDS);
            if (readMask == null || readMask.isBlank()) {
                throw errors.invalidArgument("read_mask", "Field is required");
            }
            ReadMask mask = ReadMask.parse(readMask)
                    .orElseThrow(() -> errors.invalidArgument("read_mask", "Invalid field mask provided"));
            int size = faults.current().pageSize(GoogleEndpoint.LOCATIONS_LIST.id,
                    params.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
            Account account = access.account(accountId);
            List<Location> locations = new ArrayList<>();
            for (String id : account.locationIds()) {
                data.location(id).ifPresent(locations::add);
            }
            locations = filter(locations, filter);
            locations.sort(order(orderBy));
            String listing = "locations.list|" + accountId + "|" + filter + "|" + orderBy;
            int offset = 0;
            if (pageToken != null && !pageToken.isEmpty()) {
                offset = pageTokens.decode(listing, pageToken)
                        .orElseThrow(() -> errors.invalidArgument("page_token", "Invalid page token."))
                        .offset();
            }
            int end = Math.min(locations.size(), offset + size);
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            if (offset < end) {
                ArrayNode page = response.putArray("locations");
                for (Location location : locations.subList(offset, end)) {
                    page.add(mask.apply(LocationJson.full(location)));
                }
            }
            if (end < locations.size()) {
                response.put("nextPageToken", pageTokens.encode(listing, 0, end));
            }
            // Google: "only returned if filter is used as a query parameter"; proto3 leaves out a zero.
            if (filter != null && !filter.isBlank() && !locations.isEmpty()) {
                response.put("totalSize", locations.size());
            }
            return json.write(response);
        });
    }

    private List<Location> filter(List<Location> locations, String filter) {
        if (filter == null || filter.isBlank()) {
            return locations;
        }
        Matcher m = TITLE_FILTER.matcher(filter);
        if (!m.matches()) {
            throw errors.invalidArgument("filter", "Unsupported filter: " + filter
                    + ". The emulator supports title=\"...\" (substring, case-insensitive).");
        }
        String needle = m.group(1).toLowerCase(Locale.ROOT);
        return new ArrayList<>(locations.stream().filter(l -> l.title().toLowerCase(Locale.ROOT).contains(needle)).toList());
    }

    /** SQL-like: "title", "store_code", each optionally " desc", comma-separated; default as listed. */
    private Comparator<Location> order(String orderBy) {
        Comparator<Location> order = (a, b) -> 0;
        if (orderBy == null || orderBy.isBlank()) {
            return order;
        }
        for (String part : orderBy.split(",")) {
            String[] words = part.trim().split("\\s+");
            Comparator<Location> field = switch (words[0]) {
                case "title" -> Comparator.comparing(Location::title);
                case "store_code", "storeCode" -> Comparator.comparing(Location::storeCode);
                default -> throw errors.invalidArgument("order_by", "Invalid order_by field: " + words[0]
                        + ". Valid fields are title and store_code.");
            };
            if (words.length > 2 || (words.length == 2 && !words[1].equalsIgnoreCase("desc")
                    && !words[1].equalsIgnoreCase("asc"))) {
                throw errors.invalidArgument("order_by", "Invalid order_by: " + orderBy);
            }
            order = order.thenComparing(words.length == 2 && words[1].equalsIgnoreCase("desc") ? field.reversed() : field);
        }
        return order;
    }
}
