package io.reviewfetcher.system;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A managed client, connected as an agency connects one: registered in token-service, then Google's consent. */
final class Clients {
    static final String GOOGLE_CLIENT_ID = "123456789012-reviewfetcherdemo.apps.googleusercontent.com";
    /** The emulator's OAuth client secret for {@link #GOOGLE_CLIENT_ID}. */
    static final String GOOGLE_CLIENT_SECRET = "GOCSPX-emulator-demo-secret";

    private Clients() {
    }

    /** Registers and connects a client; returns its id in token-service (what a client_id job names). */
    static String connect(String name) throws Exception {
        String admin = LocalStack.secret("ADMIN_API_KEY");
        Http.Answer client = Http.post(LocalStack.TOKEN_SERVICE + "/clients", Map.of(
                "client_id", GOOGLE_CLIENT_ID,
                "client_secret", GOOGLE_CLIENT_SECRET,
                "redirect_uri", LocalStack.TOKEN_SERVICE + "/auth/callback",
                "name", name + " " + Instant.now()), "X-API-Key", admin);
        assertEquals(201, client.status(), client.text());
        long clientId = client.body().path("id").asLong();
        String consentUrl = Http.get(LocalStack.TOKEN_SERVICE + "/oauth/start/" + clientId, "X-API-Key", admin)
                .body().path("auth_url").asText();
        Http.Answer connected = Http.get(consentUrl); // Google consents and redirects to token-service's callback
        assertEquals(200, connected.status(), connected.text());
        assertTrue(connected.body().path("has_refresh_token").asBoolean(), connected.text());
        return Long.toString(clientId);
    }
}
