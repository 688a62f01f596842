package io.reviewfetcher.tokens.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests as the services (a worker's key, ingress-api's key) and operators (admin key) make them. */
public final class Calls {

    private Calls() {
    }

    public static RequestSpecification asService() {
        return given().header("X-API-Key", TestEnvironment.SERVICE_KEY).contentType(ContentType.JSON);
    }

    /** With ingress-api's own key, which opens /api/v1/credentials only. */
    public static RequestSpecification asIngress() {
        return given().header("X-API-Key", TestEnvironment.INGRESS_KEY).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return given().header("X-API-Key", TestEnvironment.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** A fresh access token for the test client, minted by the private emulator. */
    public static Map<String, Object> mintToken() {
        return given().baseUri(TestEnvironment.emulator().baseUrl()).post("/emulator/tokens")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** Whether the emulator (Google) accepts this access token. */
    public static boolean googleAccepts(String accessToken) {
        return given().baseUri(TestEnvironment.emulator().baseUrl()).formParam("access_token", accessToken)
                .post("/tokeninfo").statusCode() == 200;
    }

    public static String credentialFor(String accessToken) {
        return asService().body(Map.of("access_token", accessToken)).post("/api/v1/credentials")
                .then().statusCode(201).extract().path("credential");
    }

    /**
     * A permit, waiting as the service tells a worker to (retry_after_ms) while the bucket is empty.
     * Gives up after 20 s.
     */
    public static Response permit(String credential) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            Response response = asService().body(Map.of("credential", credential)).post("/api/v1/permits");
            if (response.statusCode() != 429 || Instant.now().isAfter(deadline)) {
                return response;
            }
            long wait = response.jsonPath().getLong("retry_after_ms");
            try {
                Thread.sleep(Math.max(1, wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }

    /** A GET that does not follow redirects, for the browser's hops through Google's consent page. */
    public static HttpResponse<String> getWithoutRedirect(String url) {
        try {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
