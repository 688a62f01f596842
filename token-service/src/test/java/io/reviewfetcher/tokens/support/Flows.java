package io.reviewfetcher.tokens.support;

import io.restassured.response.Response;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.reviewfetcher.tokens.support.Calls.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multi-step flows the tests share: registering the test client and connecting it through the consent page. */
public final class Flows {

    private Flows() {
    }

    /** Registers the emulator's test OAuth client and returns its id in token-service. */
    public static long registerClient() {
        return asAdmin().body(Map.of("client_id", TestEnvironment.GOOGLE_CLIENT_ID,
                        "client_secret", TestEnvironment.GOOGLE_CLIENT_SECRET,
                        "redirect_uri", PrivateEmulator.REDIRECT_URI, "name", "Test business"))
                .post("/clients").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Where Google sends the browser back: the callback's query (code and state). */
    public static String consent(long clientId) {
        String authUrl = asAdmin().get("/oauth/start/" + clientId).then().statusCode(200).extract().path("auth_url");
        HttpResponse<String> google = Calls.getWithoutRedirect(authUrl);
        assertEquals(302, google.statusCode(), "the consent page answered " + google.statusCode() + ": " + google.body());
        URI back = URI.create(google.headers().firstValue("Location").orElseThrow());
        assertTrue(back.toString().startsWith(PrivateEmulator.REDIRECT_URI + "?"), back.toString());
        return back.getRawQuery();
    }

    /** The browser arriving at token-service's callback with Google's query. */
    public static Response callback(String rawQuery) {
        return io.restassured.RestAssured.given().urlEncodingEnabled(false).get("/auth/callback?" + rawQuery);
    }

    /** A client that has completed the OAuth flow. */
    public static long connectedClient() {
        long clientId = registerClient();
        callback(consent(clientId)).then().statusCode(200);
        return clientId;
    }
}
