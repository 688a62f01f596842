package io.reviewfetcher.ingress.console;

import io.reviewfetcher.ingress.config.IngressConfig;
import io.reviewfetcher.support.apikeys.ApiKeyConfig;
import io.reviewfetcher.support.apikeys.ApiKeyRole;
import io.reviewfetcher.support.apikeys.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Console logins as a signed cookie: {@code v1.<expiry epoch seconds>.<HMAC-SHA256 of both>}, the MAC keyed by a
 * digest of the admin key. Any ingress-api pod with the same {@code ADMIN_API_KEY} accepts a session another pod
 * issued, with nothing shared but the key; rotating the key (old and new listed side by side, then the old dropped)
 * ends the sessions of the old one. The cookie holds no key, and a session cannot be forged without one.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final String COOKIE = "rf_console";
    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";

    private final ApiKeys apiKeys;
    private final List<byte[]> macKeys;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    public ConsoleSessions(ApiKeys apiKeys, ApiKeyConfig keys, IngressConfig config) {
        this(apiKeys, keys.admin().orElse(List.of()), config.console().sessionTtl(), Clock.systemUTC());
    }

    ConsoleSessions(ApiKeys apiKeys, List<String> adminKeys, Duration ttl, Clock clock) {
        this.apiKeys = apiKeys;
        // A key of its own for the MAC, derived from each admin key: the cookie signature never doubles as a key digest.
        this.macKeys = adminKeys.stream().map(String::trim).filter(key -> !key.isEmpty())
                .map(key -> ApiKeys.sha256("review-fetcher console session\u0000" + key)).toList();
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Whether the console can be used at all: without an admin key nobody can log in. */
    public boolean enabled() {
        return !macKeys.isEmpty();
    }

    /** A new session's cookie value when {@code presentedKey} is an admin key, else null. */
    public String login(String presentedKey) {
        if (!enabled() || !apiKeys.accepts(ApiKeyRole.ADMIN, presentedKey)) {
            return null;
        }
        String payload = VERSION + "." + clock.instant().plus(ttl).getEpochSecond();
        return payload + "." + mac(macKeys.get(0), payload);
    }

    /** Whether the cookie value is a session this or another pod issued, and not expired. */
    public boolean valid(String cookie) {
        if (cookie == null) {
            return false;
        }
        int last = cookie.lastIndexOf('.');
        int first = cookie.indexOf('.');
        if (first < 0 || last <= first || !cookie.substring(0, first).equals(VERSION)) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(cookie.substring(first + 1, last));
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] presented = cookie.substring(last + 1).getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (byte[] key : macKeys) {
            signed |= MessageDigest.isEqual(mac(key, cookie.substring(0, last)).getBytes(StandardCharsets.US_ASCII), presented);
        }
        return signed && clock.instant().getEpochSecond() < expiry;
    }

    public Duration ttl() {
        return ttl;
    }

    private static String mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
