package io.reviewfetcher.emulator.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Business Information readMask: comma-separated field paths of Location. Paths into a message
 * field ({@code metadata.placeId}) are fine; paths into a repeated field
 * ({@code categories.additionalCategories.displayName}) are refused, as Google refuses them.
 */
public final class ReadMask {

    static final Set<String> LOCATION_FIELDS = Set.of("name", "languageCode", "storeCode", "title", "phoneNumbers",
            "categories", "storefrontAddress", "websiteUri", "regularHours", "specialHours", "serviceArea", "labels",
            "adWordsLocationExtensions", "latlng", "openInfo", "metadata", "profile", "relationshipData", "moreHours",
            "serviceItems");
    private static final Set<String> REPEATED = Set.of("labels", "moreHours", "serviceItems",
            "categories.additionalCategories", "phoneNumbers.additionalPhones", "storefrontAddress.addressLines",
            "storefrontAddress.recipients", "regularHours.periods", "specialHours.specialHourPeriods",
            "serviceArea.places.placeInfos", "relationshipData.childrenLocations");

    private final List<String[]> paths;

    private ReadMask(List<String[]> paths) {
        this.paths = paths;
    }

    /** Empty when the mask names an unknown field or reaches into a repeated field. */
    public static Optional<ReadMask> parse(String mask) {
        List<String[]> paths = new ArrayList<>();
        for (String raw : mask.split(",")) {
            String path = raw.trim();
            if (path.isEmpty()) {
                continue;
            }
            String[] segments = path.split("\\.");
            if (!LOCATION_FIELDS.contains(segments[0])) {
                return Optional.empty();
            }
            String prefix = segments[0];
            for (int i = 1; i < segments.length; i++) {
                if (REPEATED.contains(prefix) || segments[i].isEmpty()) {
                    return Optional.empty();
                }
                prefix = prefix + "." + segments[i];
            }
            paths.add(segments);
        }
        return paths.isEmpty() ? Optional.empty() : Optional.of(new ReadMask(paths));
    }

    /** The parts of {@code full} the mask names; absent parts stay absent (no empty parents). */
    public ObjectNode apply(ObjectNode full) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String[] path : paths) {
            JsonNode leaf = full;
            for (int i = 0; i < path.length && leaf != null; i++) {
                leaf = leaf.get(path[i]);
            }
            if (leaf == null) {
                continue;
            }
            ObjectNode target = out;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode existing = target.get(path[i]);
                target = existing instanceof ObjectNode node ? node : target.putObject(path[i]);
            }
            target.set(path[path.length - 1], leaf);
        }
        return out;
    }
}
