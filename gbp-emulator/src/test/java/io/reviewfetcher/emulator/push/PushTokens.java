package io.reviewfetcher.emulator.push;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/** Verifies a push token as a receiver would: against a JWKS, Google's issuer and the expected audience. */
public final class PushTokens {

    private PushTokens() {
    }

    public static JwtClaims verify(String token, String jwks, String audience) throws InvalidJwtException {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                    .setExpectedIssuer("https://accounts.google.com")
                    .setExpectedAudience(audience)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setAllowedClockSkewInSeconds(30)
                    .build()
                    .processToClaims(token);
        } catch (JoseException e) {
            throw new IllegalArgumentException("not a JWKS: " + jwks, e);
        }
    }
}
