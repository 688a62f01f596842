package io.reviewfetcher.emulator.google;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reviewfetcher.emulator.EmulatorParts;
import io.reviewfetcher.emulator.data.Account;
import io.reviewfetcher.emulator.data.Location;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's own calls, with exactly the query parameters google-access's REST clients send (GoogleAccountsApi,
 * GoogleLocationsApi, GoogleReviewsApi: pageSize always, pageToken from page 2, readMask on locations.list), still
 * pass now that the emulator refuses names Google does not know.
 */
class WorkersRequestsTest {

    private final EmulatorParts emulator = new EmulatorParts();
    private final String bearer = "Bearer " + emulator.token();

    private static String ok(Supplier<Response> call) {
        Response response = call.get();
        assertEquals(200, response.getStatus(), () -> new String((byte[]) response.getEntity()));
        return EmulatorParts.body(response).path("nextPageToken").asText(null);
    }

    @Test
    void accountsListPagesAsAccountWorkerAsksForThem() {
        String next = ok(() -> emulator.accounts.list(GoogleQueryTest.query("pageSize", "2"), bearer).await().indefinitely());
        ok(() -> emulator.accounts.list(GoogleQueryTest.query("pageSize", "2", "pageToken", next), bearer).await().indefinitely());
    }

    @Test
    void locationsListPagesAsLocationWorkerAsksForThem() {
        Account account = emulator.data.accounts().get(1);
        String next = ok(() -> emulator.locations.list(account.id(),
                GoogleQueryTest.query("readMask", "name,title,metadata", "pageSize", "5"), bearer).await().indefinitely());
        ok(() -> emulator.locations.list(account.id(),
                GoogleQueryTest.query("readMask", "name,title,metadata", "pageSize", "5", "pageToken", next), bearer)
                .await().indefinitely());
    }

    @Test
    void reviewsListPagesAsReviewWorkerAsksForThem() {
        Account account = emulator.data.accounts().get(0);
        Location location = emulator.data.location(account.locationIds().stream()
                .filter(id -> emulator.data.location(id).orElseThrow().verified())
                .filter(id -> emulator.data.reviews(id).total() > 2).findFirst().orElseThrow()).orElseThrow();
        String next = ok(() -> emulator.reviews.list(account.id(), location.id(), GoogleQueryTest.query("pageSize", "2"), bearer)
                .await().indefinitely());
        ok(() -> emulator.reviews.list(account.id(), location.id(), GoogleQueryTest.query("pageSize", "2", "pageToken", next),
                bearer).await().indefinitely());
    }
}
