package io.reviewfetcher.emulator.push;

import io.quarkus.runtime.Startup;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import io.reviewfetcher.emulator.config.EmulatorConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * The OIDC token Pub/Sub puts on each push, as Google signs it: RS256 with a kid, {@code iss}
 * https://accounts.google.com, {@code aud} the subscription's audience, {@code email} the push service account,
 * {@code email_verified}, {@code sub} and {@code azp} its numeric id, {@code iat}, {@code exp} one hour later.
 * The key pair is made at start (a restart publishes a new kid); its public half is the JWKS at
 * {@code /oauth2/v3/certs}. A second key, never published, signs the tokens the bad-signature fault asks for.
 * Made at start-up: generating the keys and the first signature take seconds on a busy machine, which must not
 * delay the first push.
 */
@ApplicationScoped
@Startup
public class PushSigner {

    static final String ISSUER = "https://accounts.google.com";
    static final Duration LIFETIME = Duration.ofHours(1);

    private final EmulatorClock clock;
    private final String serviceAccount;
    private final String serviceAccountId;
    private final RsaJsonWebKey key;
    private final RsaJsonWebKey foreignKey;
    private final String jwks;

    public PushSigner(EmulatorConfig config, EmulatorClock clock) {
        this.clock = clock;
        this.serviceAccount = config.push().serviceAccount();
        this.serviceAccountId = numericId(serviceAccount);
        try {
            this.key = RsaJwkGenerator.generateJwk(2048);
            // Google's kids are 40 hex digits; a thumbprint is unique to the key, so a restart never reuses one.
            key.setKeyId(HexFormat.of().formatHex(key.calculateThumbprint("SHA-1")));
            key.setUse("sig");
            key.setAlgorithm("RS256");
            this.foreignKey = RsaJwkGenerator.generateJwk(2048);
            this.jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot make the push signing key", e);
        }
        sign("warm-up", false);
    }

    /** A token for one push; {@code foreign} signs it with the unpublished key (the header names the real kid). */
    public String sign(String audience, boolean foreign) {
        Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(serviceAccountId)
                .claim("azp", serviceAccountId)
                .claim("email", serviceAccount)
                .claim("email_verified", true)
                .issuedAt(now)
                .expiresAt(now.plus(LIFETIME))
                .jws()
                .keyId(key.getKeyId())
                .algorithm(SignatureAlgorithm.RS256)
                .sign((foreign ? foreignKey : key).getPrivateKey());
    }

    /** The JWKS document: the public signing key only. */
    public String jwks() {
        return jwks;
    }

    public String keyId() {
        return key.getKeyId();
    }

    /** A service account's unique id is 21 decimal digits; this one is derived from its e-mail, stable across runs. */
    static String numericId(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(email.getBytes(StandardCharsets.UTF_8));
            BigInteger n = new BigInteger(1, digest).mod(BigInteger.TEN.pow(20));
            return "1" + String.format("%020d", n);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
