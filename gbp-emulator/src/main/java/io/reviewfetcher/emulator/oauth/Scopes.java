package io.reviewfetcher.emulator.oauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** OAuth scopes the Business Profile APIs accept. */
public final class Scopes {

    public static final String BUSINESS_MANAGE = "https://www.googleapis.com/auth/business.manage";
    /** Legacy scope, still listed on every GBP method. */
    public static final String PLUS_BUSINESS_MANAGE = "https://www.googleapis.com/auth/plus.business.manage";

    private Scopes() {
    }

    public static Set<String> parse(String spaceDelimited) {
        Set<String> scopes = new LinkedHashSet<>();
        if (spaceDelimited != null) {
            Arrays.stream(spaceDelimited.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
        }
        return scopes;
    }

    public static boolean allowsBusinessProfile(Set<String> scopes) {
        return scopes.contains(BUSINESS_MANAGE) || scopes.contains(PLUS_BUSINESS_MANAGE);
    }
}
