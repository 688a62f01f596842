package io.reviewfetcher.emulator.data;

import java.util.List;

/**
 * A business account the demo user can reach. {@code locationIds} lists every location the account
 * answers for in locations.list: its own and, for groups and organizations, some it shares.
 */
public record Account(
        String id,
        String accountName,
        String type,
        String role,
        String verificationState,
        String vettedState,
        String permissionLevel,
        String accountNumber,
        String registeredDomain,
        String organizationPhone,
        List<String> locationIds) {

    public String name() {
        return "accounts/" + id;
    }
}
