package io.reviewfetcher.ingress.credentials;

import io.reviewfetcher.ingress.config.IngressConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The keys of {@code INGRESS_API_KEYS}, which a {@code client_id} job must present in {@code X-API-Key}.
 * Kept as SHA-256 digests and compared in constant time, so neither memory dumps of this bean nor response
 * timing give a key away.
 */
@ApplicationScoped
public class ApiKeys {

    private final List<byte[]> digests;

    public ApiKeys(IngressConfig config) {
        this.digests = config.security().apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .map(ApiKeys::sha256)
                .toList();
    }

    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty() || digests.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean match = false;
        for (byte[] known : digests) {
            // No early exit: every key is compared, whatever matched.
            match |= MessageDigest.isEqual(known, digest);
        }
        return match;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
