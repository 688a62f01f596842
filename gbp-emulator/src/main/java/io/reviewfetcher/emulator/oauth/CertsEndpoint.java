package io.reviewfetcher.emulator.oauth;

import io.reviewfetcher.emulator.push.PushSigner;
import io.reviewfetcher.emulator.stats.CallStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Google's OAuth signing keys as a JWKS ({@code https://www.googleapis.com/oauth2/v3/certs}), here the key that signs
 * the OIDC tokens of Pub/Sub pushes. With {@code GOOGLE_API_BASE_URL} pointing at the emulator, a receiver finds it
 * at the same path. Not charged to the quota.
 */
@Path("/oauth2/v3/certs")
public class CertsEndpoint {

    /**
     * Google lets its certs be cached for hours; the emulator's key changes with every start (with a new kid, which
     * makes a verifier fetch again), so a short cache costs little.
     */
    static final String CACHE_CONTROL = "public, max-age=300, must-revalidate, no-transform";

    private final PushSigner signer;
    private final CallStats stats;

    public CertsEndpoint(PushSigner signer, CallStats stats) {
        this.signer = signer;
        this.stats = stats;
    }

    @GET
    public Response certs() {
        stats.record("oauth.certs", 200);
        return Response.ok(signer.jwks(), "application/json; charset=UTF-8")
                .header("Cache-Control", CACHE_CONTROL)
                .build();
    }
}
