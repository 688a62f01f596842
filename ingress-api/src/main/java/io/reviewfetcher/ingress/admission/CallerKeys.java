package io.reviewfetcher.ingress.admission;

import io.quarkus.runtime.Startup;
import io.reviewfetcher.ingress.submission.IdRules;
import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The caller keys ({@code INGRESS_API_KEYS}, read as {@code api-keys.caller}), each valid only for the clients its
 * entry names: {@code <key>=<client_id>|<client_id>…}, or {@code <key>=*} for every client (an operator's key). A bare
 * {@code <key>}, the contract's form of the variable (comma-separated keys), is an operator's key as well: scoping is
 * what an agency adds per client. The scope follows the entry's last {@code =}, so a scoped key may end in base64
 * padding (a bare one may not: write it with {@code =*}); a key listed twice
 * is valid for the clients of both entries. Read once, at start-up ({@code @Startup}): a bad entry stops the service
 * with a message naming the entry's position, never the key. Only SHA-256 digests are kept, and a presented key is
 * compared with every one of them in constant time, as service-support's ApiKeys does for the other roles.
 */
@Startup
@ApplicationScoped
public class CallerKeys {

    static final String VARIABLE = "INGRESS_API_KEYS";
    private static final String FORMS = "write each entry as <key>=<client_id>|<client_id>... (valid for those clients only), "
            + "<key>=* or <key> (valid for every client)";

    private record Entry(byte[] digest, Caller caller) {
    }

    private final List<Entry> entries;

    @Inject
    public CallerKeys(ApiKeyConfig config) {
        this(config.caller().orElse(List.of()));
    }

    /** The entries as configured (none: every client_id job and schedule call is answered 401). */
    public CallerKeys(List<String> configured) {
        this.entries = parse(configured);
    }

    /** The holder of the presented key, or null when there is none or it is not a caller key. */
    public Caller find(String presented) {
        if (presented == null || presented.isEmpty()) {
            return null;
        }
        byte[] digest = ApiKeys.sha256(presented);
        Caller found = null;
        for (Entry entry : entries) {
            // No early exit: every key is compared, whatever matched.
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.caller();
            }
        }
        return found;
    }

    private static List<Entry> parse(List<String> configured) {
        Map<String, Entry> byDigest = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            String entry = configured.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            int position = i + 1;
            int scopeAt = entry.lastIndexOf('=');
            String key = scopeAt < 0 ? entry : entry.substring(0, scopeAt).trim();
            String scope = scopeAt < 0 ? "*" : entry.substring(scopeAt + 1).trim();
            if (key.length() < ApiKeys.MIN_LENGTH) {
                throw refused(position, "has a key shorter than " + ApiKeys.MIN_LENGTH + " characters");
            }
            byte[] digest = ApiKeys.sha256(key);
            Caller caller = scoped(position, RateSubjects.digest(digest), scope);
            byDigest.merge(HexFormat.of().formatHex(digest), new Entry(digest, caller),
                    (first, second) -> new Entry(digest, first.caller().merge(second.caller())));
        }
        return List.copyOf(byDigest.values());
    }

    private static Caller scoped(int position, String subject, String scope) {
        if (scope.equals("*")) {
            return Caller.ofEveryClient(subject);
        }
        if (scope.isEmpty()) {
            throw refused(position, "names no client after its last '='");
        }
        Set<String> clients = new HashSet<>();
        String[] named = scope.split("\\|", -1);
        for (int n = 0; n < named.length; n++) {
            String clientId = named[n].trim();
            if (clientId.equals("*")) {
                throw refused(position, "names * beside clients (* stands alone: every client)");
            }
            if (!IdRules.isClientId(clientId)) {
                // The value is not repeated: a mistyped entry may have the key where a client should be.
                throw refused(position, "names a client that is not a client id (client " + (n + 1) + ": " + IdRules.CLIENT_ID_RULE + ")");
            }
            clients.add(clientId);
        }
        return new Caller(subject, false, clients);
    }

    private static IllegalStateException refused(int position, String problem) {
        return new IllegalStateException(VARIABLE + " entry " + position + " " + problem + ": " + FORMS);
    }
}
