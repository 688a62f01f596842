package io.reviewfetcher.ingress.push;

import io.reviewfetcher.ingress.support.GoogleKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which push tokens are our subscription's: signed with a key of the JWK set (served here on 127.0.0.1, as Google serves
 * its own), RS256, issued by Google (either spelling), for our audience, not expired, of the subscription's service account
 * with its email verified. Everything else is refused with its reason. Plain unit test: no Quarkus.
 */
class PushTokenVerifierTest {

    private static final GoogleKeys KEYS = new GoogleKeys();

    private final PushTokenVerifier verifier = verifier();

    private static PushTokenVerifier verifier() {
        return new PushTokenVerifier(TestPushConfig.of(GoogleKeys.AUDIENCE, GoogleKeys.SERVICE_ACCOUNT, KEYS.jwksUrl()));
    }

    @AfterAll
    static void stop() {
        KEYS.stop();
    }

    private PushTokenRejected.Reason refusal(String authorization) {
        return assertThrows(PushTokenRejected.class, () -> verifier.verify(authorization)).reason();
    }

    @Test
    void googlesTokenForOurSubscriptionIsTaken() {
        assertDoesNotThrow(() -> verifier.verify("Bearer " + KEYS.token()));
        assertDoesNotThrow(() -> verifier.verify("bearer " + KEYS.token()), "the scheme is case-insensitive");
    }

    @Test
    void bothOfGooglesIssuerSpellingsAreTaken() {
        assertDoesNotThrow(() -> verifier.verify("Bearer " + KEYS.token(claims -> claims.issuer("accounts.google.com"))));
    }

    @Test
    void aTokenThatIsNotGooglesIsRefused() {
        assertEquals(PushTokenRejected.Reason.INVALID, refusal("Bearer " + KEYS.tokenSignedByAnotherKey()));
        assertEquals(PushTokenRejected.Reason.UNKNOWN_KEY, refusal("Bearer " + KEYS.tokenOfAnUnknownKey()));
        assertEquals(PushTokenRejected.Reason.INVALID, refusal("Bearer ya29.a0AfB_not-a-jwt"));
        // Signed with a shared secret instead of Google's RSA key: RS256 is the only algorithm taken, no key is found for it.
        String hs256 = Jwt.issuer(GoogleKeys.ISSUER).audience(GoogleKeys.AUDIENCE).claim("email", GoogleKeys.SERVICE_ACCOUNT)
                .claim("email_verified", true).jws().keyId(GoogleKeys.KEY_ID).algorithm(SignatureAlgorithm.HS256)
                .signWithSecret("0123456789abcdef0123456789abcdef0123456789abcdef");
        assertEquals(PushTokenRejected.Reason.UNKNOWN_KEY, refusal("Bearer " + hs256));
    }

    @Test
    void aTokenForAnotherAudienceIssuerOrAccountIsRefused() {
        assertEquals(PushTokenRejected.Reason.WRONG_AUDIENCE,
                refusal("Bearer " + KEYS.token(claims -> claims.audience("https://someone-else.example/push"))));
        assertEquals(PushTokenRejected.Reason.WRONG_ISSUER, refusal("Bearer " + KEYS.token(claims -> claims.issuer("https://issuer.example"))));
        assertEquals(PushTokenRejected.Reason.WRONG_ACCOUNT,
                refusal("Bearer " + KEYS.token(claims -> claims.claim("email", "someone@gmail.com"))));
        assertEquals(PushTokenRejected.Reason.WRONG_ACCOUNT, refusal("Bearer " + KEYS.token(claims -> claims.remove("email"))));
        assertEquals(PushTokenRejected.Reason.EMAIL_NOT_VERIFIED,
                refusal("Bearer " + KEYS.token(claims -> claims.claim("email_verified", false))));
        assertEquals(PushTokenRejected.Reason.EMAIL_NOT_VERIFIED, refusal("Bearer " + KEYS.token(claims -> claims.remove("email_verified"))));
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertEquals(PushTokenRejected.Reason.EXPIRED, refusal("Bearer " + KEYS.expiredToken()));
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertEquals(PushTokenRejected.Reason.MISSING, refusal(null));
        assertEquals(PushTokenRejected.Reason.MISSING, refusal(" "));
        assertEquals(PushTokenRejected.Reason.MALFORMED_HEADER, refusal("Basic dXNlcjpwYXNz"));
        assertEquals(PushTokenRejected.Reason.MALFORMED_HEADER, refusal("Bearer "));
        assertEquals(PushTokenRejected.Reason.MALFORMED_HEADER, refusal(KEYS.token()));
    }

    @Test
    void aRefusalNeverCarriesTheToken() {
        String token = KEYS.tokenSignedByAnotherKey();
        PushTokenRejected refused = assertThrows(PushTokenRejected.class, () -> verifier.verify("Bearer " + token));
        assertFalse(refused.getMessage().contains(token.substring(token.lastIndexOf('.') + 1)));
        assertEquals(null, refused.getCause());
    }

    @Test
    void googlesKeysAreFetchedOnceAndCached() {
        PushTokenVerifier fresh = verifier();
        int before = KEYS.fetches();
        for (int i = 0; i < 5; i++) {
            fresh.verify("Bearer " + KEYS.token());
        }
        assertEquals(1, KEYS.fetches() - before, "one fetch of the JWK set for five tokens");
    }

    @Test
    void theCheckRunsOffTheCallersThread() {
        // Fetching the keys blocks: never on the event loop that calls check.
        AtomicReference<Thread> ran = new AtomicReference<>();
        verifier.check("Bearer " + KEYS.token()).invoke(() -> ran.set(Thread.currentThread())).await().atMost(Duration.ofSeconds(10));
        assertNotEquals(Thread.currentThread(), ran.get());
        PushTokenRejected refused = assertThrows(PushTokenRejected.class,
                () -> verifier.check("Bearer " + KEYS.expiredToken()).await().atMost(Duration.ofSeconds(10)));
        assertEquals(PushTokenRejected.Reason.EXPIRED, refused.reason());
    }

    @Test
    void theEndpointIsOffUntilBothTheAudienceAndTheAccountAreSet() {
        assertTrue(verifier.enabled());
        assertFalse(new PushTokenVerifier(TestPushConfig.of(null, null, KEYS.jwksUrl())).enabled());
        assertFalse(new PushTokenVerifier(TestPushConfig.of(GoogleKeys.AUDIENCE, null, KEYS.jwksUrl())).enabled());
        assertFalse(new PushTokenVerifier(TestPushConfig.of(null, GoogleKeys.SERVICE_ACCOUNT, KEYS.jwksUrl())).enabled());
        assertFalse(new PushTokenVerifier(TestPushConfig.of(" ", GoogleKeys.SERVICE_ACCOUNT, KEYS.jwksUrl())).enabled());
    }

    @Test
    void theTokenIsNotYetValidBeforeItWasIssued() {
        Instant later = Instant.now().plus(Duration.ofHours(2));
        // iat after exp is refused by the parser whatever the times: not a token Google makes.
        assertThrows(PushTokenRejected.class, () -> verifier.verify("Bearer " + KEYS.token(claims -> claims.issuedAt(later))));
    }
}
