package io.reviewfetcher.emulator.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.reviewfetcher.emulator.EmulatorParts;
import io.reviewfetcher.emulator.data.Account;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** locations.list's answers as Google gives them, without HTTP (the contract test covers the wire). */
class LocationsListTest {

    private final EmulatorParts emulator = new EmulatorParts();
    private final String token = emulator.token();
    private final Account group = emulator.data.accounts().get(1);

    private Response list(String... query) {
        return emulator.locations.list(group.id(), GoogleQueryTest.query(query), "Bearer " + token).await().indefinitely();
    }

    private Response page(String pageSize, String filter) {
        return pageSize == null && filter == null ? list("readMask", "name,title")
                : filter == null ? list("readMask", "name,title", "pageSize", pageSize)
                : list("readMask", "name,title", "filter", filter);
    }

    @Test
    void totalSizeComesOnlyWithAFilter() {
        Response unfiltered = page(null, null);
        assertEquals(200, unfiltered.getStatus());
        JsonNode page = EmulatorParts.body(unfiltered);
        assertEquals(10, page.path("locations").size());
        assertTrue(page.has("nextPageToken"));
        assertFalse(page.has("totalSize"), "Google sends totalSize only if filter is used: " + page);

        String title = group.locationIds().isEmpty() ? "" : emulator.data.location(group.locationIds().get(0)).orElseThrow().title();
        JsonNode filtered = EmulatorParts.body(page(null, "title=\"" + title + "\""));
        assertTrue(filtered.path("totalSize").asInt() >= 1, "with a filter it is there: " + filtered);
        assertEquals(filtered.path("locations").size(), filtered.path("totalSize").asInt());
    }

    @Test
    void aPageSizeAboveTheMaximumIsCoercedToIt() {
        Response response = page("500", null);
        assertEquals(200, response.getStatus(), () -> new String((byte[]) response.getEntity()));
        assertEquals(group.locationIds().size(), EmulatorParts.body(response).path("locations").size(), "all fit in 100");
    }

    @Test
    void theHarsherReadingRefusesItWhenSwitchedOn() {
        EmulatorParts strict = new EmulatorParts(Map.of("emulator.limits.page-size-policy", "REJECT"));
        Response response = strict.locations.list(group.id(), GoogleQueryTest.query("readMask", "name", "pageSize", "101"),
                "Bearer " + strict.token()).await().indefinitely();
        assertEquals(400, response.getStatus());
        assertEquals("page_size", EmulatorParts.body(response).at("/error/details/0/fieldViolations/0/field").asText());
    }

    @Test
    void aNegativePageSizeIsRefusedWhateverThePolicy() {
        assertEquals(400, page("-1", null).getStatus());
    }

    @Test
    void anUnknownQueryParameterIsRefusedAsGoogleRefusesIt() {
        Response response = list("readMask", "name", "pageSize", "5", "page_sise", "5");
        assertEquals(400, response.getStatus());
        JsonNode error = EmulatorParts.body(response).path("error");
        String message = "Invalid JSON payload received. Unknown name \"page_sise\": Cannot bind query parameter. "
                + "Field 'page_sise' could not be found in request message.";
        assertEquals("INVALID_ARGUMENT", error.path("status").asText());
        assertEquals(message, error.path("message").asText());
        assertEquals(message, error.at("/details/0/fieldViolations/0/description").asText());
        assertEquals(400, list("foo", "", "readMask", "name").getStatus(), "before the method's own checks, empty or not");
    }

    @Test
    void aFieldMayBeGivenByItsProtoName() {
        Response response = list("read_mask", "name", "page_size", "3");
        assertEquals(200, response.getStatus(), () -> new String((byte[]) response.getEntity()));
        assertEquals(3, EmulatorParts.body(response).path("locations").size());
        assertEquals(1, EmulatorParts.body(response).path("locations").get(0).size(), "the mask was read: name only");
    }
}
