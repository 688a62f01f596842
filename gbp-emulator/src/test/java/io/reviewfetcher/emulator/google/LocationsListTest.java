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

    private Response list(String pageSize, String filter) {
        return emulator.locations.list(group.id(), "name,title", pageSize, null, filter, null, "Bearer " + token, null, null)
                .await().indefinitely();
    }

    @Test
    void totalSizeComesOnlyWithAFilter() {
        Response unfiltered = list(null, null);
        assertEquals(200, unfiltered.getStatus());
        JsonNode page = EmulatorParts.body(unfiltered);
        assertEquals(10, page.path("locations").size());
        assertTrue(page.has("nextPageToken"));
        assertFalse(page.has("totalSize"), "Google sends totalSize only if filter is used: " + page);

        String title = group.locationIds().isEmpty() ? "" : emulator.data.location(group.locationIds().get(0)).orElseThrow().title();
        JsonNode filtered = EmulatorParts.body(list(null, "title=\"" + title + "\""));
        assertTrue(filtered.path("totalSize").asInt() >= 1, "with a filter it is there: " + filtered);
        assertEquals(filtered.path("locations").size(), filtered.path("totalSize").asInt());
    }

    @Test
    void aPageSizeAboveTheMaximumIsCoercedToIt() {
        Response response = list("500", null);
        assertEquals(200, response.getStatus(), () -> new String((byte[]) response.getEntity()));
        assertEquals(group.locationIds().size(), EmulatorParts.body(response).path("locations").size(), "all fit in 100");
    }

    @Test
    void theHarsherReadingRefusesItWhenSwitchedOn() {
        EmulatorParts strict = new EmulatorParts(Map.of("emulator.limits.page-size-policy", "REJECT"));
        Response response = strict.locations.list(group.id(), "name", "101", null, null, null, "Bearer " + strict.token(),
                null, null).await().indefinitely();
        assertEquals(400, response.getStatus());
        assertEquals("page_size", EmulatorParts.body(response).at("/error/details/0/fieldViolations/0/field").asText());
    }

    @Test
    void aNegativePageSizeIsRefusedWhateverThePolicy() {
        assertEquals(400, list("-1", null).getStatus());
    }
}
