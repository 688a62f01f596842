package io.reviewfetcher.emulator.google;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reviewfetcher.emulator.data.Location;
import java.util.List;

/** A Business Information v1 Location with every field the data set knows; the readMask picks from it. */
final class LocationJson {

    private static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");

    private LocationJson() {
    }

    static ObjectNode full(Location l) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode node = f.objectNode();
        node.put("name", l.name());
        node.put("languageCode", l.languageCode());
        node.put("storeCode", l.storeCode());
        node.put("title", l.title());
        node.putObject("phoneNumbers").put("primaryPhone", l.primaryPhone());
        node.putObject("categories").putObject("primaryCategory")
                .put("name", l.categoryId()).put("displayName", l.categoryName());
        ObjectNode address = node.putObject("storefrontAddress");
        Location.PostalAddress a = l.address();
        address.put("regionCode", a.regionCode());
        address.put("languageCode", l.languageCode());
        address.put("postalCode", a.postalCode());
        if (!a.administrativeArea().isEmpty()) {
            address.put("administrativeArea", a.administrativeArea());
        }
        address.put("locality", a.locality());
        ArrayNode lines = address.putArray("addressLines");
        a.addressLines().forEach(lines::add);
        node.put("websiteUri", l.websiteUri());
        ArrayNode periods = node.putObject("regularHours").putArray("periods");
        for (String day : WEEKDAYS) {
            ObjectNode period = periods.addObject();
            period.put("openDay", day);
            period.putObject("openTime").put("hours", 9);
            period.put("closeDay", day);
            period.putObject("closeTime").put("hours", 17).put("minutes", 30);
        }
        node.putObject("latlng").put("latitude", l.latitude()).put("longitude", l.longitude());
        node.putObject("openInfo").put("status", "OPEN").put("canReopen", true);
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("canDelete", true);
        metadata.put("canModifyServiceList", true);
        metadata.put("canOperateLocalPost", l.verified());
        if (l.verified()) {
            metadata.put("placeId", l.placeId());
            metadata.put("mapsUri", "https://maps.google.com/maps?cid=" + l.mapsCid());
            metadata.put("newReviewUri", "https://search.google.com/local/writereview?placeid=" + l.placeId());
        }
        node.putObject("profile").put("description", l.title() + " — " + l.categoryName() + ".");
        return node;
    }
}
