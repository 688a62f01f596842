package io.reviewfetcher.ingress.push;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.KeyFormat;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a push comes from our Pub/Sub push subscription: its {@code Authorization: Bearer} token is an OIDC token that
 * Google signed (RS256, a key of Google's JWK set), issued by Google, for our audience, not expired, and made for the
 * subscription's service account with its email verified. smallrye-jwt's parser checks the signature, the audience and the
 * expiry, and fetches and caches Google's keys (again at once for an unknown key id, at most every 30 minutes); the
 * issuer (Google uses two spellings) and the account are checked here. Fetching the keys blocks, so {@link #check} runs
 * on a worker thread, never on the event loop. Nothing here logs or keeps the token.
 */
@Startup
@ApplicationScoped
public class PushTokenVerifier {

    static final Set<String> ISSUERS = Set.of("https://accounts.google.com", "accounts.google.com");
    /** Google's keys stay in use this long (minutes) when fetching them again fails, rather than refusing every push. */
    private static final int KEEP_KEYS_ON_FETCH_ERROR_MINUTES = 60;
    private static final String BEARER = "bearer ";

    private final JWTParser parser;
    private final String serviceAccount;

    public PushTokenVerifier(GooglePushConfig config) {
        Optional<String> audience = config.audience().map(String::trim).filter(value -> !value.isEmpty());
        Optional<String> account = config.serviceAccount().map(String::trim).filter(value -> !value.isEmpty());
        if (audience.isPresent() && account.isPresent()) {
            this.parser = new DefaultJWTParser(contextInfo(audience.get(), config.jwksUrl()), new DefaultJWTCallerPrincipalFactory());
            this.serviceAccount = account.get();
            Log.infof("Google review notifications are on: push tokens of %s checked against the keys at %s", serviceAccount, config.jwksUrl());
        } else {
            this.parser = null;
            this.serviceAccount = null;
            if (audience.isPresent() || account.isPresent()) {
                Log.warnf("Google review notifications are off: %s is not set (POST /api/v1/google/notifications answers 503)",
                        audience.isPresent() ? "GOOGLE_PUSH_SERVICE_ACCOUNT" : "GOOGLE_PUSH_AUDIENCE");
            }
        }
    }

    private static JWTAuthContextInfo contextInfo(String audience, String jwksUrl) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyLocation(jwksUrl);
        info.setKeyFormat(KeyFormat.JWK);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setExpectedAudience(Set.of(audience));
        // Who the token is for is the email's to say (checked below), not sub, upn or preferred_username.
        info.setRequireNamedPrincipal(false);
        info.setJwksRetainCacheOnErrorDuration(KEEP_KEYS_ON_FETCH_ERROR_MINUTES);
        return info;
    }

    /** Whether the endpoint is on: both the audience and the service account are configured. */
    public boolean enabled() {
        return parser != null;
    }

    /** Completes when the header holds our subscription's token, else fails with {@link PushTokenRejected}; on a worker thread. */
    public Uni<Void> check(String authorization) {
        return Uni.createFrom().<Void>item(() -> {
            verify(authorization);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Blocking (the first call, and each refresh, fetches Google's keys). */
    void verify(String authorization) {
        if (parser == null) {
            throw new IllegalStateException("Google review notifications are off");
        }
        if (authorization == null || authorization.isBlank()) {
            throw new PushTokenRejected(PushTokenRejected.Reason.MISSING);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) || authorization.substring(BEARER.length()).isBlank()) {
            throw new PushTokenRejected(PushTokenRejected.Reason.MALFORMED_HEADER);
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(BEARER.length()).trim());
        } catch (ParseException e) {
            throw new PushTokenRejected(reason(e));
        }
        if (!ISSUERS.contains(token.getIssuer())) {
            throw new PushTokenRejected(PushTokenRejected.Reason.WRONG_ISSUER);
        }
        String email = text(token.getClaim("email"));
        if (email == null || !email.toLowerCase(Locale.ROOT).equals(serviceAccount.toLowerCase(Locale.ROOT))) {
            throw new PushTokenRejected(PushTokenRejected.Reason.WRONG_ACCOUNT);
        }
        // A boolean in Google's tokens; the string "true" is taken too.
        if (!"true".equals(text(token.getClaim("email_verified")))) {
            throw new PushTokenRejected(PushTokenRejected.Reason.EMAIL_NOT_VERIFIED);
        }
    }

    /** What the parser's failure means: its messages are not used, they can quote the token's claims. */
    static PushTokenRejected.Reason reason(ParseException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvableKeyException) {
                return PushTokenRejected.Reason.UNKNOWN_KEY;
            }
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return PushTokenRejected.Reason.INVALID;
                }
                if (invalid.hasExpired()) {
                    return PushTokenRejected.Reason.EXPIRED;
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return PushTokenRejected.Reason.WRONG_AUDIENCE;
                }
                return PushTokenRejected.Reason.INVALID;
            }
        }
        return PushTokenRejected.Reason.INVALID;
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim == null ? null : claim.toString();
    }
}
