package io.reviewfetcher.ingress.admission;

import io.reviewfetcher.support.apikeys.ApiKeys;

import java.util.HexFormat;

/**
 * Whom a submitted job counts against in the admission counters: the API key that authorised it (null when none did:
 * an access-token job) and its credential. Each is kept as a digest (SHA-256, the first 128 bits in hex), so neither
 * a key nor a token ever reaches Redis, a log line or this record's toString.
 */
public record RateSubjects(String key, String credential) {

    /**
     * @param caller     the holder of the key that authorised the job, or null
     * @param credential {@code client:<client_id>} for a managed client; for a submitted access token the token itself,
     *                   digested here: token-service gives every exchange a new {@code cred:} reference, so only the
     *                   token names the same credential twice
     */
    public static RateSubjects of(Caller caller, String credential) {
        return new RateSubjects(caller == null ? null : caller.subject(), digest(ApiKeys.sha256(credential)));
    }

    static String digest(byte[] sha256) {
        return HexFormat.of().formatHex(sha256, 0, 16);
    }
}
