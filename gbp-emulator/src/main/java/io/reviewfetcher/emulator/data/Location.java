package io.reviewfetcher.emulator.data;

import java.util.List;

/** A business location; {@code accountIds} are the accounts that list it, the owner first. */
public record Location(
        String id,
        List<String> accountIds,
        String title,
        String storeCode,
        String languageCode,
        String primaryPhone,
        String categoryId,
        String categoryName,
        PostalAddress address,
        String websiteUri,
        double latitude,
        double longitude,
        String placeId,
        String mapsCid,
        boolean verified) {

    /** Business Information v1 name. */
    public String name() {
        return "locations/" + id;
    }

    public String ownerAccountId() {
        return accountIds.get(0);
    }

    /** v4 name under one of the accounts that list the location. */
    public String v4Name(String accountId) {
        return "accounts/" + accountId + "/locations/" + id;
    }

    public record PostalAddress(
            String regionCode, String postalCode, String administrativeArea, String locality, List<String> addressLines) {
    }
}
