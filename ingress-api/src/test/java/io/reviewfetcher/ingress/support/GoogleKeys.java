package io.reviewfetcher.ingress.support;

import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Google's push-token signing as a test controls it: an RSA key whose public half a JWK set served on 127.0.0.1 publishes
 * (as https://www.googleapis.com/oauth2/v3/certs does Google's), and tokens shaped as Pub/Sub's push tokens, signed with it
 * by smallrye-jwt-build, or with a key the set does not hold. Counts the fetches of the set, to see the keys cached.
 */
public final class GoogleKeys {

    public static final String KEY_ID = "google-test-key-1";
    public static final String ISSUER = "https://accounts.google.com";
    public static final String AUDIENCE = "https://ingress.test/api/v1/google/notifications";
    public static final String SERVICE_ACCOUNT = "pubsub-push@review-fetcher-test.iam.gserviceaccount.com";

    private static GoogleKeys shared;

    private final KeyPair google = rsa();
    private final KeyPair other = rsa();
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    public GoogleKeys() {
        RsaJsonWebKey published = new RsaJsonWebKey((RSAPublicKey) google.getPublic());
        published.setKeyId(KEY_ID);
        published.setAlgorithm("RS256");
        published.setUse("sig");
        byte[] jwks = new JsonWebKeySet(published).toJson().getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/oauth2/v3/certs", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    /** One instance for the @QuarkusTest profile that points GOOGLE_PUSH_JWKS_URL at it. */
    public static synchronized GoogleKeys shared() {
        if (shared == null) {
            shared = new GoogleKeys();
        }
        return shared;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/v3/certs";
    }

    public int fetches() {
        return fetches.get();
    }

    public void stop() {
        server.stop(0);
    }

    /** A push token as Google makes it for our subscription: valid for an hour. */
    public String token() {
        return token(claims -> claims);
    }

    /** A push token with {@code change} made to its claims, signed with Google's key. */
    public String token(UnaryOperator<JwtClaimsBuilder> change) {
        return change.apply(claims()).jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(google.getPrivate());
    }

    /** Valid claims under Google's key id, signed with a key that is not Google's. */
    public String tokenSignedByAnotherKey() {
        return claims().jws().keyId(KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(other.getPrivate());
    }

    /** Valid claims, signed with a key the set does not publish, under its own key id. */
    public String tokenOfAnUnknownKey() {
        return claims().jws().keyId("not-googles").algorithm(SignatureAlgorithm.RS256).sign(other.getPrivate());
    }

    /** Expired ten minutes ago (beyond the minute of clock skew allowed). */
    public String expiredToken() {
        Instant issued = Instant.now().minus(Duration.ofMinutes(70));
        return token(claims -> claims.issuedAt(issued).expiresAt(issued.plus(Duration.ofHours(1))));
    }

    private static JwtClaimsBuilder claims() {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject("112233445566778899000")
                .claim("email", SERVICE_ACCOUNT).claim("email_verified", true)
                .claim("azp", "112233445566778899000")
                .issuedAt(now).expiresAt(now.plus(Duration.ofHours(1)));
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
