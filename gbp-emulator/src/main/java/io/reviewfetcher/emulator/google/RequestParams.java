package io.reviewfetcher.emulator.google;

import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.reviewfetcher.emulator.data.ReviewOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Query parameters the way Google checks them: typed, ranged, and named in snake_case in errors. */
@ApplicationScoped
public class RequestParams {

    private final EmulatorConfig.PageSizePolicy policy;
    private final GoogleErrors errors;

    public RequestParams(EmulatorConfig config, GoogleErrors errors) {
        this.policy = config.limits().pageSizePolicy();
        this.errors = errors;
    }

    /**
     * Google binds every query parameter to a field of the request or a system parameter, before the method looks at
     * any of them, and refuses a name it cannot bind: 400 in the words of its transcoder.
     *
     * @param fields the request's fields that may come in the query, by their JSON names
     */
    public void onlyKnown(GoogleQuery query, Set<String> fields) {
        query.unknownName(fields).ifPresent(name -> {
            throw errors.invalidJson("Unknown name \"" + name + "\": Cannot bind query parameter. Field '" + name
                    + "' could not be found in request message.");
        });
    }

    /**
     * Page size: absent or 0 = the default; negative = 400; above the maximum = the maximum, as Google's list
     * guidance coerces it, or 400 under the harsher {@code REJECT} policy.
     */
    public int pageSize(String raw, int defaultSize, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultSize;
        }
        int size;
        try {
            size = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw errors.invalidArgument("page_size", "Invalid value at 'page_size' (TYPE_INT32), \"" + raw + "\"");
        }
        return pageSize(size, defaultSize, max);
    }

    public int pageSize(Integer size, int defaultSize, int max) {
        if (size == null || size == 0) {
            return defaultSize;
        }
        if (size < 0 || (size > max && policy == EmulatorConfig.PageSizePolicy.REJECT)) {
            throw errors.invalidArgument("page_size", "The page_size must be between 1 and " + max + ".");
        }
        return Math.min(size, max);
    }

    /** Accepts the documented spellings; ascending updateTime is refused, as Google documents. */
    public ReviewOrder reviewOrder(String raw) {
        if (raw == null || raw.isBlank()) {
            return ReviewOrder.UPDATE_TIME_DESC;
        }
        String normalised = raw.trim().replaceAll("\\s+", " ");
        return switch (normalised) {
            case "updateTime desc", "update_time desc" -> ReviewOrder.UPDATE_TIME_DESC;
            case "rating", "rating asc" -> ReviewOrder.RATING_ASC;
            case "rating desc" -> ReviewOrder.RATING_DESC;
            case "updateTime", "update_time", "updateTime asc", "update_time asc" ->
                    throw errors.invalidArgument("order_by", "Ascending order by updateTime is not supported.");
            default -> throw errors.invalidArgument("order_by", "Invalid order_by: " + raw
                    + ". Valid values are \"updateTime desc\", \"rating\" and \"rating desc\".");
        };
    }
}
