package io.reviewfetcher.support.apikeys;

import io.reviewfetcher.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of an {@code X-API-Key} in every service. Keys are kept as SHA-256 digests and compared in
 * constant time against every key of the role, so neither a memory dump of this bean nor response timing
 * gives a key away.
 */
@ApplicationScoped
public class ApiKeys {
    public static final String HEADER = "X-API-Key";
    /** Shorter keys are refused at start-up by the services that require a role. */
    public static final int MIN_LENGTH = 16;

    private final Map<ApiKeyRole, List<byte[]>> digests = new EnumMap<>(ApiKeyRole.class);

    public ApiKeys(ApiKeyConfig config) {
        digests.put(ApiKeyRole.PERMITS, digestsOf(config.permits()));
        digests.put(ApiKeyRole.CREDENTIALS, digestsOf(config.credentials()));
        digests.put(ApiKeyRole.ADMIN, digestsOf(config.admin()));
    }

    /** Whether {@code presented} is one of the role's keys; false when the role has none. */
    public boolean accepts(ApiKeyRole role, String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] known : digests.get(role)) {
            // No early exit: every key is compared, whatever matched.
            match |= MessageDigest.isEqual(known, digest);
        }
        return match;
    }

    /** Ends the request with 401 unless {@code presented} is one of the role's keys. */
    public void require(ApiKeyRole role, String presented) {
        if (presented == null || presented.isEmpty()) {
            throw ProblemException.unauthorized("unauthorized", "Unauthorized", "send the " + name(role) + " key in " + HEADER);
        }
        if (!accepts(role, presented)) {
            throw ProblemException.unauthorized("unauthorized", "Unauthorized",
                    "the " + HEADER + " header does not hold the " + name(role) + " key");
        }
    }

    public boolean configured(ApiKeyRole role) {
        return !digests.get(role).isEmpty();
    }

    /** For services that cannot work without the role's keys: refuse to start without them. */
    public static void requireConfigured(Optional<List<String>> keys, String variable) {
        List<String> usable = keys.orElse(List.of()).stream().map(String::trim).filter(key -> !key.isEmpty()).toList();
        if (usable.isEmpty() || usable.stream().anyMatch(key -> key.length() < MIN_LENGTH)) {
            throw new IllegalStateException(variable + " must be set, each key at least " + MIN_LENGTH + " characters");
        }
    }

    private static String name(ApiKeyRole role) {
        return role.name().toLowerCase();
    }

    private static List<byte[]> digestsOf(Optional<List<String>> keys) {
        return keys.orElse(List.of()).stream().map(String::trim).filter(key -> !key.isEmpty()).map(ApiKeys::sha256).toList();
    }

    /** The SHA-256 digest of a key, as kept and compared here (and by ingress-api's scoped caller keys). */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
