package io.reviewfetcher.emulator.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list-page faults without a running emulator: small pages and a page's first calls failing. */
class FaultStateTest {

    private static FaultSettings pages(Map<String, Integer> limits, Map<String, Integer> failFirst) {
        return new FaultSettings(Map.of(), List.of(), null, List.of(), List.of(), null, null, null, null, limits, failFirst,
                null);
    }

    @Test
    void aPageSizeLimitCapsWhatIsAskedOnlyForItsMethod() {
        FaultState.Compiled faults = FaultState.compile(pages(Map.of("locations.list", 3), null));
        assertEquals(3, faults.pageSize("locations.list", 100));
        assertEquals(2, faults.pageSize("locations.list", 2));
        assertEquals(50, faults.pageSize("reviews.list", 50));
        assertEquals(20, FaultState.compile(FaultSettings.NONE).pageSize("accounts.list", 20));
    }

    @Test
    void eachPageFailsItsFirstCallsThenServes() {
        FaultState state = new FaultState();
        state.install(pages(null, Map.of("locations.list", 2)));
        FaultState.Compiled faults = state.current();
        assertTrue(faults.failsPageCall("locations.list", "accounts/1 "));
        assertTrue(faults.failsPageCall("locations.list", "accounts/1 "));
        assertFalse(faults.failsPageCall("locations.list", "accounts/1 "), "the third call is served");
        assertFalse(faults.failsPageCall("locations.list", "accounts/1 "));
        assertTrue(faults.failsPageCall("locations.list", "accounts/1 T2"), "every page counts on its own");
        assertTrue(faults.failsPageCall("locations.list", "accounts/2 "));
        assertFalse(faults.failsPageCall("accounts.list", " "), "only the methods named");

        state.install(pages(null, Map.of("locations.list", 1)));
        assertTrue(state.current().failsPageCall("locations.list", "accounts/1 "), "counted again from the PUT");
        state.clear();
        assertFalse(state.current().failsPageCall("locations.list", "accounts/1 "));
    }

    @Test
    void onlyListMethodsAndSensibleNumbersAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> FaultState.compile(pages(Map.of("reviews.get", 3), null)));
        assertThrows(IllegalArgumentException.class, () -> FaultState.compile(pages(Map.of("locations.list", 0), null)));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> FaultState.compile(pages(null, Map.of("locations.list", -1))));
        assertEquals("failFirstCallsPerPage.locations.list: must be at least 0", negative.getMessage());
        assertFalse(FaultState.compile(pages(null, Map.of("reviews.list", 0))).failsPageCall("reviews.list", "x "));
    }
}
