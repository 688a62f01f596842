package io.reviewfetcher.emulator.google;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query string of one Google API call, bound as Google's HTTP transcoding binds it: a field of the request by its
 * JSON name ({@code pageSize}) or its proto name ({@code page_size}), beside the system parameters every method takes.
 * Google answers 400 for any other name; {@link RequestParams#onlyKnown} does too.
 *
 * @param parameters the decoded query, in the order sent
 */
public record GoogleQuery(Map<String, List<String>> parameters) {

    /** The system parameters of Google's discovery documents: taken by every method (the emulator reads the tokens only). */
    static final Set<String> SYSTEM_PARAMETERS = Set.of("access_token", "oauth_token", "key", "fields", "prettyPrint",
            "quotaUser", "alt", "$.xgafv", "callback", "uploadType", "upload_protocol");

    public GoogleQuery {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public static GoogleQuery of(Map<String, List<String>> parameters) {
        return new GoogleQuery(parameters);
    }

    /** The field's first value, by its JSON name, else by its proto name; null when absent. */
    public String get(String field) {
        String value = first(field);
        return value != null ? value : first(protoName(field));
    }

    /** The credential sent as a query parameter ({@code access_token}, else {@code oauth_token}), if any. */
    public String accessToken() {
        String token = first("access_token");
        return token != null ? token : first("oauth_token");
    }

    /** The first name that is neither one of {@code fields} (by either name) nor a system parameter. */
    public Optional<String> unknownName(Set<String> fields) {
        for (String name : parameters.keySet()) {
            if (!SYSTEM_PARAMETERS.contains(name) && !fields.contains(name)
                    && fields.stream().noneMatch(field -> protoName(field).equals(name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private String first(String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code pageSize} → {@code page_size}. */
    static String protoName(String jsonName) {
        StringBuilder name = new StringBuilder(jsonName.length() + 4);
        for (char c : jsonName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('_').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
