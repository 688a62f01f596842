package io.reviewfetcher.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The operators' key ({@code ADMIN_API_KEY}) that admin paths ask for in {@code X-API-Key}. */
@ApplicationScoped
public class AdminKey {
    private final byte[] key;

    public AdminKey(StageConfig config) {
        this.key = config.adminApiKey().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time, so timing tells nothing about how much of a guess was right. */
    public void require(String presented) {
        if (presented == null || !MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthorizedException("X-API-Key");
        }
    }
}
