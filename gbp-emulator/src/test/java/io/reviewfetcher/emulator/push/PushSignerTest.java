package io.reviewfetcher.emulator.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reviewfetcher.emulator.EmulatorParts;
import io.reviewfetcher.emulator.clock.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

/** The push tokens verify against the published JWKS with Google's claims; the bad-signature ones do not. */
class PushSignerTest {

    private static final String AUDIENCE = "https://ingress.example/api/v1/google/notifications";

    private final PushSigner signer = new PushSigner(new EmulatorParts(Map.of(
            "emulator.push.service-account", "pusher@demo-project.iam.gserviceaccount.com")).config, new EmulatorClock());

    @Test
    void aTokenVerifiesAgainstTheJwksWithGooglesClaims() throws Exception {
        JwtClaims claims = PushTokens.verify(signer.sign(AUDIENCE, false), signer.jwks(), AUDIENCE);
        assertEquals("https://accounts.google.com", claims.getIssuer());
        assertEquals(java.util.List.of(AUDIENCE), claims.getAudience());
        assertEquals("pusher@demo-project.iam.gserviceaccount.com", claims.getStringClaimValue("email"));
        assertEquals(Boolean.TRUE, claims.getClaimValue("email_verified"));
        assertTrue(claims.getSubject().matches("1\\d{20}"), "a service account's numeric id: " + claims.getSubject());
        assertEquals(claims.getSubject(), claims.getStringClaimValue("azp"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertFalse(claims.hasClaim("jti"), "Google's tokens carry no jti");
    }

    @Test
    void theHeaderNamesThePublishedKey() throws Exception {
        String token = signer.sign(AUDIENCE, false);
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(signer.keyId(), header.get("kid").asText());
        assertTrue(signer.keyId().matches("[0-9a-f]{40}"), "40 hex digits, as Google's kids");

        JsonNode key = new ObjectMapper().readTree(signer.jwks()).get("keys").get(0);
        assertEquals(signer.keyId(), key.get("kid").asText());
        assertEquals("RSA", key.get("kty").asText());
        assertEquals("RS256", key.get("alg").asText());
        assertEquals("sig", key.get("use").asText());
        assertEquals(2048, new java.math.BigInteger(1, Base64.getUrlDecoder().decode(key.get("n").asText())).bitLength());
        assertFalse(key.has("d"), "the public half only");
    }

    @Test
    void aForeignlySignedTokenNamesTheSameKeyButFailsVerification() {
        String token = signer.sign(AUDIENCE, true);
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertTrue(header.contains(signer.keyId()));
        assertThrows(InvalidJwtException.class, () -> PushTokens.verify(token, signer.jwks(), AUDIENCE));
    }

    @Test
    void anotherAudienceDoesNotVerify() {
        assertThrows(InvalidJwtException.class,
                () -> PushTokens.verify(signer.sign(AUDIENCE, false), signer.jwks(), "https://elsewhere.example/"));
    }

    @Test
    void everyStartHasItsOwnKey() {
        PushSigner other = new PushSigner(new EmulatorParts().config, new EmulatorClock());
        assertFalse(other.keyId().equals(signer.keyId()));
        assertThrows(InvalidJwtException.class, () -> PushTokens.verify(other.sign(AUDIENCE, false), signer.jwks(), AUDIENCE));
    }

    @Test
    void theServiceAccountIdIsStable() {
        assertEquals(PushSigner.numericId("a@b.iam.gserviceaccount.com"), PushSigner.numericId("a@b.iam.gserviceaccount.com"));
        assertFalse(PushSigner.numericId("a@b").equals(PushSigner.numericId("c@b")));
    }
}
